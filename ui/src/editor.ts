// The Markdown editor: CodeMirror 6 with Word-like shortcuts. Composition
// input (Telex/VNI through Unikey or the OS) is handled by CodeMirror's
// contenteditable, so no key handling here touches letters.
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { findInArticle } from "./find";

export type Command = "bold" | "italic" | "underline" | "paragraph" | "heading" | "heading1" | "heading3" | "list" | "numbered" | "quote" | "table" | "link";

/** The style box's names of a line or block's kind (Đoạn văn, Đề mục 1–3, Trích dẫn). */
export type BlockStyle = "paragraph" | "heading1" | "heading" | "heading3" | "quote";

/** The kind of the line the cursor is on, for the style box. */
export function lineStyle(view: EditorView): BlockStyle {
  const text = view.state.doc.lineAt(view.state.selection.main.head).text;
  if (text.startsWith("# ")) return "heading1";
  if (text.startsWith("## ")) return "heading";
  if (text.startsWith("### ")) return "heading3";
  if (text.startsWith("> ")) return "quote";
  return "paragraph";
}

/** Wraps the selection in `mark` … `close` (or unwraps it if already wrapped). */
function wrap(view: EditorView, mark: string, empty: string, close = mark): boolean {
  const { from, to } = view.state.selection.main;
  const doc = view.state.doc;
  const before = doc.sliceString(Math.max(0, from - mark.length), from);
  const after = doc.sliceString(to, to + close.length);
  if (before === mark && after === close) {
    view.dispatch({
      changes: [
        { from: from - mark.length, to: from, insert: "" },
        { from: to, to: to + close.length, insert: "" },
      ],
      selection: { anchor: from - mark.length, head: to - mark.length },
    });
    return true;
  }
  const text = from === to ? empty : doc.sliceString(from, to);
  view.dispatch({
    changes: { from, to, insert: mark + text + close },
    selection: { anchor: from + mark.length, head: from + mark.length + text.length },
  });
  return true;
}

/** Line prefixes that give a line its kind; a line has at most one. */
const LINE_KIND = /^(#{1,6} |- |\* |\d+\. |> )/;

/**
 * Gives every selected line the prefix `prefix(k)` (k = 0, 1, … for
 * numbered lists), replacing another heading, list or quote prefix; if
 * every line already has this kind, takes it away (as Word's buttons toggle).
 */
function prefixLines(view: EditorView, prefix: (k: number) => string, same: RegExp): boolean {
  const { from, to } = view.state.selection.main;
  const lines = [];
  for (let pos = from; pos <= to; ) {
    const line = view.state.doc.lineAt(pos);
    lines.push(line);
    pos = line.to + 1;
  }
  const off = lines.every((l) => same.test(l.text));
  const changes = lines.map((line, k) => {
    const old = line.text.match(LINE_KIND)?.[0] ?? "";
    return { from: line.from, to: line.from + old.length, insert: off ? "" : prefix(k) };
  });
  view.dispatch({ changes });
  return true;
}

function insertBlock(view: EditorView, text: string): boolean {
  const { to } = view.state.selection.main;
  const line = view.state.doc.lineAt(to);
  const insert = (line.length ? "\n\n" : "") + text + "\n";
  view.dispatch({ changes: { from: line.to, insert }, selection: { anchor: line.to + insert.length } });
  return true;
}

export function run(view: EditorView, cmd: Command): boolean {
  view.focus();
  switch (cmd) {
    case "bold":
      return wrap(view, "**", "chữ đậm");
    case "italic":
      return wrap(view, "*", "chữ nghiêng");
    case "underline":
      return wrap(view, "<u>", "chữ gạch chân", "</u>");
    case "paragraph":
      // Any heading, list or quote mark taken away (a pattern that never matches: always "give").
      return prefixLines(view, () => "", /$^/);
    case "heading1":
      return prefixLines(view, () => "# ", /^# /);
    case "heading":
      return prefixLines(view, () => "## ", /^## /);
    case "heading3":
      return prefixLines(view, () => "### ", /^### /);
    case "list":
      return prefixLines(view, () => "- ", /^[-*] /);
    case "numbered":
      return prefixLines(view, (k) => `${k + 1}. `, /^\d+\. /);
    case "quote":
      return prefixLines(view, () => "> ", /^> /);
    case "table":
      return insertBlock(view, "| Nội dung | Số lượng |\n|:---|---:|\n|  |  |");
    case "link": {
      const { from, to } = view.state.selection.main;
      const text = view.state.doc.sliceString(from, to) || "chữ liên kết";
      const insert = `[${text}](https://)`;
      view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + text.length + 3, head: from + insert.length - 1 } });
      return true;
    }
  }
}

export interface Editor {
  view: EditorView;
  /** Shows another article's text: a fresh undo history, no change events. */
  load(text: string): void;
  text(): string;
}

export function createEditor(
  parent: HTMLElement,
  /** After every change of the text (read it with `text()` only when needed: it copies the whole article). */
  onChange: () => void,
  extra: Extension[] = [],
): Editor {
  // Word's own shortcuts where Markdown has the same thing.
  const shortcuts = keymap.of([
    { key: "Mod-b", run: (v) => run(v, "bold") },
    { key: "Mod-i", run: (v) => run(v, "italic") },
    { key: "Mod-k", run: (v) => run(v, "link") },
    { key: "Mod-Alt-1", run: (v) => run(v, "heading1") },
    { key: "Mod-Alt-2", run: (v) => run(v, "heading") },
    { key: "Mod-Alt-3", run: (v) => run(v, "heading3") },
    { key: "Mod-Shift-l", run: (v) => run(v, "list") },
    { key: "Mod-u", run: (v) => run(v, "underline") },
  ]);
  const extensions = [
    history(),
    shortcuts,
    findInArticle(),
    ...extra,
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    markdown(),
    EditorView.lineWrapping,
    placeholder("Viết nội dung bài ở đây. **đậm**, *nghiêng*, ## Tiêu đề mục, - danh sách…"),
    EditorView.contentAttributes.of({ spellcheck: "false", lang: "vi", "aria-label": "Nội dung bài viết" }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange();
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions }) });
  return {
    view,
    load: (text) => view.setState(EditorState.create({ doc: text, extensions })),
    text: () => view.state.doc.toString(),
  };
}
