// Soạn: the article edited as it will print (ProseMirror over our schema).
// Word's habits: Enter a paragraph, Shift+Enter a line break, Tab harmless
// (next cell in a table), Backspace at a list item's start leaves the list,
// "- " and "1. " start lists, Ctrl+B/I, Ctrl+Z/Y. Composition input (Telex,
// VNI, OS input methods) is ProseMirror's own: no key handling here touches
// letters. The Markdown it stores is written only when the text changed.
import { EditorState, Plugin, Selection, type Command as PmCommand } from "prosemirror-state";
import { EditorView, Decoration, DecorationSet } from "prosemirror-view";
import { Slice, type Node } from "prosemirror-model";
import { baseKeymap, chainCommands } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { history, redo, undo } from "prosemirror-history";
import { inputRules, undoInputRule, wrappingInputRule } from "prosemirror-inputrules";
import { tableEditing } from "prosemirror-tables";
import { gapCursor } from "prosemirror-gapcursor";
import { dropCursor } from "prosemirror-dropcursor";
import { schema } from "./surface-schema";
import { parseMarkdown, toMarkdown } from "./surface-markdown";
import * as cmd from "./surface-commands";
import type { ActiveMarks } from "./surface-commands";
import { htmlToMarkdown } from "./html-to-markdown";
import { convertLegacyHtml, mayHoldLegacy } from "./legacy-paste";
import type { BlockStyle, Command } from "./editor";
import type { PasteSupport } from "./paste";
import { openTableMenu, tableContextMenu } from "./surface-table-menu";
import { createFindBar } from "./surface-find";
import { search } from "prosemirror-search";
import { surfaceMarks } from "./checks";
import { isInTable } from "prosemirror-tables";
import { IMAGE_WAITS } from "./together-words";

export interface AskField {
  label: string;
  value: string;
  type?: "text" | "number";
}

export interface SurfaceDeps {
  onChange: () => void;
  /** Told the kind of block the cursor is in, whenever the state changes (the style box). */
  onStyle?: (style: BlockStyle) => void;
  /** Told which of bold, italic and underline the selection has (the toolbar's pressed buttons). */
  onMarks?: (marks: ActiveMarks) => void;
  /** Said after inserting a photo. */
  hint: (text: string) => void;
  /** Asks for a few values (rows and columns, a link's address); null when cancelled. */
  ask: (title: string, fields: AskField[]) => Promise<string[] | null>;
  paste: PasteSupport;
}

export interface Surface {
  view: EditorView;
  /** Shows another text: a fresh undo history, no change event. False when it cannot be shown here. */
  load(markdown: string): boolean;
  /** The Markdown of what is shown: the loaded text itself while nothing changed. */
  text(): string;
  /** The words shown, without writing Markdown (for the word count while typing). */
  plainText(): string;
  run(command: Command): void;
  insertImages(files: File[], at?: number): Promise<void>;
  /** Ctrl+F / Ctrl+H: the find bar above the surface. */
  find(replace: boolean): void;
}

const imagesIn = (list: FileList | null | undefined) =>
  Array.from(list ?? []).filter((f) => f.type.startsWith("image/") || /\.(jpe?g|png|gif|webp)$/i.test(f.name));

/** Captions still empty show, in grey, that they are waiting for words (never printed). */
const captionHint = new Plugin({
  props: {
    decorations(state) {
      const decos: Decoration[] = [];
      state.doc.descendants((node, pos) => {
        if (node.type === schema.nodes.figure && node.content.size === 0) decos.push(Decoration.node(pos, pos + node.nodeSize, { class: "empty-caption" }));
        return node.isBlock && !node.isTextblock;
      });
      return DecorationSet.create(state.doc, decos);
    },
  },
});

function rules() {
  return inputRules({
    rules: [
      wrappingInputRule(/^\s*[-+*]\s$/, schema.nodes.bullet_list),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        schema.nodes.ordered_list,
        (m) => ({ order: Number(m[1]) }),
        (m, node) => node.childCount + node.attrs.order === Number(m[1]),
      ),
      wrappingInputRule(/^\s*>\s$/, schema.nodes.blockquote),
    ],
  });
}

export function createSurface(parent: HTMLElement, deps: SurfaceDeps): Surface {
  let loadedDoc: Node | null = null;
  let loadedText = "";
  let cache: { doc: Node; text: string } | null = null;

  const askLink: PmCommand = (state) => {
    const current = cmd.linkAt(state);
    const selected = state.doc.textBetween(state.selection.from, state.selection.to);
    void deps
      .ask(current ? "Sửa liên kết" : "Chèn liên kết", [
        { label: "Địa chỉ trang (để trống để bỏ liên kết)", value: current || "https://" },
        ...(selected ? [] : [{ label: "Chữ hiện ra", value: "" }]),
      ])
      .then((values) => {
        if (!values) return view.focus();
        const href = values[0].trim() === "https://" ? "" : values[0].trim();
        cmd.setLink(href, values[1]?.trim() ?? "")(view.state, view.dispatch);
        view.focus();
      });
    return true;
  };

  const askTable: PmCommand = (state) => {
    // In a table, Bảng opens the table's menu (rows, columns, alignment).
    if (isInTable(state)) {
      const at = view.coordsAtPos(state.selection.from);
      openTableMenu(view, at.left, at.bottom + 4);
      return true;
    }
    void deps
      .ask("Chèn bảng", [
        { label: "Số hàng (kể cả hàng tiêu đề)", value: "3", type: "number" },
        { label: "Số cột", value: "3", type: "number" },
      ])
      .then((values) => {
        view.focus();
        if (!values) return;
        const clamp = (s: string) => Math.min(50, Math.max(1, Math.round(Number(s)) || 1));
        cmd.insertTable(clamp(values[0]), clamp(values[1]))(view.state, view.dispatch);
      });
    return true;
  };

  const keys = keymap({
    Enter: cmd.enter,
    "Shift-Enter": cmd.lineBreak,
    "Mod-Enter": cmd.insertPageBreak,
    Tab: cmd.tab,
    "Shift-Tab": cmd.shiftTab,
    Backspace: chainCommands(undoInputRule, cmd.backspaceInList, cmd.backspaceAfterAtom),
    "Mod-z": undo,
    "Mod-y": redo,
    "Shift-Mod-z": redo,
    "Mod-b": cmd.bold,
    "Mod-i": cmd.italic,
    "Mod-u": cmd.underline,
    "Mod-k": askLink,
    "Mod-Alt-0": cmd.toParagraph,
    "Mod-Alt-1": cmd.toggleHeading(1),
    "Mod-Alt-2": cmd.toggleHeading(2),
    "Mod-Alt-3": cmd.toggleHeading(3),
    "Mod-Shift-l": cmd.bulletList,
    "Mod-f": () => (findBar.open(false), true),
    "Mod-h": () => (findBar.open(true), true),
  });

  const state = (doc?: Node) =>
    EditorState.create({
      schema,
      doc,
      plugins: [rules(), keys, keymap(baseKeymap), history(), tableEditing(), gapCursor(), dropCursor({ color: "#9b1c1c" }), captionHint, search(), surfaceMarks],
    });

  const view: EditorView = new EditorView(parent, {
    state: state(),
    attributes: { class: "paper", spellcheck: "false", lang: "vi", "aria-label": "Nội dung bài viết", role: "textbox", "aria-multiline": "true" },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged) deps.onChange();
      deps.onStyle?.(cmd.blockStyle(view.state));
      if (tr.docChanged || tr.selectionSet || tr.storedMarksSet) deps.onMarks?.(cmd.activeMarks(view.state));
    },
    handleDOMEvents: {
      contextmenu: (view, event) => tableContextMenu(view, event),
      // A link in the text is edited, never followed: the app's window stays the app.
      click: (_view, event) => {
        if ((event.target as HTMLElement).closest("a")) event.preventDefault();
        return false;
      },
    },
    handlePaste(view, event) {
      const data = event.clipboardData;
      if (!data) return false;
      const html = data.getData("text/html");
      // Word also puts a picture of the copied text on the clipboard: the text wins when there is any.
      if (html && html.replace(/<[^>]*>|&nbsp;|\s/g, "").length > 0) {
        const put = (html: string) => {
          const { markdown, droppedImages } = htmlToMarkdown(html);
          if (!markdown) return false;
          const doc = parseMarkdown(markdown);
          view.dispatch(view.state.tr.replaceSelection(Slice.maxOpen(doc.content)).scrollIntoView());
          if (droppedImages) deps.paste.say(`Đã dán chữ; ${droppedImages} ảnh trong đoạn dán không được chép. Hãy chép và dán từng ảnh riêng.`);
          return true;
        };
        // Text in an old TCVN3/VNI font is converted first (by the core).
        if (!mayHoldLegacy(html)) return put(html);
        void convertLegacyHtml(html, deps.paste.convertLegacy).then(put, () => put(html));
        return true;
      }
      const files = imagesIn(data.files);
      if (!files.length) return false;
      void insertImages(files);
      return true;
    },
    handleDrop(view, event) {
      const dropped = (event as DragEvent).dataTransfer?.files;
      if (!dropped?.length) return false;
      const files = imagesIn(dropped);
      if (!files.length) {
        deps.paste.say("Chỉ kéo thả được ảnh (JPEG, PNG) vào bài. Tệp khác hãy mở và chép nội dung.", "error");
        return true;
      }
      const at = view.posAtCoords({ left: (event as DragEvent).clientX, top: (event as DragEvent).clientY })?.pos;
      void insertImages(files, at);
      return true;
    },
  });

  const findBar = createFindBar(() => view, parent.parentElement ?? parent, parent);

  async function insertImages(files: File[], at?: number) {
    for (const file of files) {
      try {
        const img = await deps.paste.storeImage(file);
        // Dropped: the photo goes where it was dropped.
        if (at !== undefined) view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(Math.min(at, view.state.doc.content.size)))));
        cmd.insertFigure(`asset:${img.sha256}`)(view.state, view.dispatch);
        at = undefined;
        view.focus();
        deps.hint(
          img.waiting
            ? `${IMAGE_WAITS} Hãy gõ chú thích ngay dưới ảnh.`
            : "Đã chèn ảnh. Hãy gõ chú thích ngay dưới ảnh (bỏ trống nếu ảnh không cần chú thích).",
        );
      } catch (e) {
        const message = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
        deps.paste.say(message, "error");
      }
    }
  }

  function run(command: Command) {
    view.focus();
    const s = view.state;
    const d = view.dispatch;
    switch (command) {
      case "paragraph":
        return void cmd.toParagraph(s, d);
      case "bold":
        return void cmd.bold(s, d);
      case "italic":
        return void cmd.italic(s, d);
      case "underline":
        return void cmd.underline(s, d);
      case "heading1":
        return void cmd.toggleHeading(1)(s, d);
      case "heading":
        return void cmd.toggleHeading(2)(s, d);
      case "heading3":
        return void cmd.toggleHeading(3)(s, d);
      case "list":
        return void cmd.bulletList(s, d);
      case "numbered":
        return void cmd.orderedList(s, d);
      case "quote":
        return void cmd.toggleQuote(s, d);
      case "table":
        return void askTable(s, d);
      case "link":
        return void askLink(s, d);
    }
  }

  return {
    view,
    load(markdown) {
      let doc: Node;
      try {
        doc = parseMarkdown(markdown);
        doc.check();
      } catch {
        return false;
      }
      findBar.close(true);
      view.updateState(state(doc));
      deps.onMarks?.(cmd.activeMarks(view.state));
      loadedDoc = doc;
      loadedText = markdown;
      cache = null;
      return true;
    },
    text() {
      const doc = view.state.doc;
      if (loadedDoc && (doc === loadedDoc || doc.eq(loadedDoc))) return loadedText;
      if (cache?.doc !== doc) cache = { doc, text: toMarkdown(doc) };
      return cache.text;
    },
    plainText: () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n\n", " "),
    run,
    insertImages,
    find: (replace) => findBar.open(replace),
  };
}
