// The article's text on screen, in one of two views of the same Markdown:
// Soạn (the surface that looks like the paper, the default) and Mã nguồn
// (CodeMirror on the Markdown itself). Switching hands the text over, so
// whichever view is shown holds the current text; saving reads that one.
import { EditorView } from "@codemirror/view";
import { createEditor, lineStyle, run as runInSource, type BlockStyle, type Command, type Editor } from "./editor";
import { createSurface, type Surface } from "./surface";
import { activeMarks, type ActiveMarks } from "./surface-commands";
import { insertImages as insertIntoSource, pasteAndDrop, type PasteSupport } from "./paste";
import { openFind, openReplace } from "./find";
import { askFields } from "./dialogs";
import { $ } from "./dom";
import { watch, type AppStore, type EditorMode } from "./state";
import { sourceMarks } from "./checks";

export interface ArticleEditor {
  /** Mã nguồn: CodeMirror on the Markdown. */
  source: Editor;
  /** Soạn: the surface. */
  surface: Surface;
  /** Shows another article's text in both views (fresh undo histories). */
  load(text: string): void;
  /** The Markdown as the shown view has it now. */
  text(): string;
  /** What to count words in: cheap to get on every keystroke. */
  wordsText(): string;
  run(command: Command): void;
  insertImages(files: File[]): Promise<void>;
  /** Ctrl+F / Ctrl+H: find (and replace) in the article. */
  find(replace: boolean): void;
  /** The element that scrolls the shown view. */
  scroller(): HTMLElement;
}

export interface ArticleEditorDeps {
  state: AppStore;
  onChange: () => void;
  hint: (text: string) => void;
  paste: PasteSupport;
}

export function createArticleEditor({ state, onChange, hint, paste }: ArticleEditorDeps): ArticleEditor {
  const mode = () => state.get().editorMode;
  // The style box shows the kind of block (or line) the cursor is in, and changes it.
  const styleBox = $<HTMLSelectElement>("style-box");
  // Told on every keystroke: the page is written to only when something changes.
  const showStyle = (style: BlockStyle) => {
    if (styleBox.value !== style) styleBox.value = style;
  };
  const followStyle = EditorView.updateListener.of((u) => {
    if (mode() === "source" && (u.selectionSet || u.docChanged)) showStyle(lineStyle(u.view));
  });
  const source = createEditor($("source"), () => mode() === "source" && onChange(), [pasteAndDrop(paste), followStyle, sourceMarks]);
  // Đ, N and G are shown pressed when the selection on Soạn has that style (as in Word).
  let shownMarks = "";
  const showMarks = (marks: Partial<ActiveMarks>) => {
    const key = `${!!marks.bold}${!!marks.italic}${!!marks.underline}`;
    if (key === shownMarks) return;
    shownMarks = key;
    for (const name of ["bold", "italic", "underline"] as const) {
      const b = document.querySelector<HTMLButtonElement>(`#toolbar [data-cmd="${name}"]`);
      if (!b) continue;
      b.setAttribute("aria-pressed", String(!!marks[name]));
      b.classList.toggle("on", !!marks[name]);
    }
  };
  const surface = createSurface($("surface"), {
    onChange: () => mode() === "surface" && onChange(),
    onStyle: (style) => mode() === "surface" && showStyle(style),
    onMarks: (marks) => mode() === "surface" && showMarks(marks),
    hint,
    ask: askFields,
    paste,
  });

  // The view shown follows the state; the text goes over with it.
  function show(now: EditorMode) {
    if (now === "source") {
      const text = surface.text();
      if (text !== source.text()) source.load(text);
    } else {
      const text = source.text();
      if (text !== surface.text() && !surface.load(text)) {
        hint("Phần này của bài chưa hiển thị được ở trang Soạn; bài vẫn mở ở Mã nguồn.");
        state.set({ editorMode: "source" });
        return;
      }
    }
    showMarks(now === "surface" ? activeMarks(surface.view.state) : {});
    $("surface").hidden = now !== "surface";
    $("source").hidden = now !== "source";
    $("editor").dataset.mode = now;
    const button = $("btn-source");
    button.setAttribute("aria-pressed", String(now === "source"));
    button.classList.toggle("on", now === "source");
    (now === "source" ? source.view : surface.view).focus();
  }
  watch(state, (s) => s.editorMode, show);
  styleBox.addEventListener("change", () => {
    const style = styleBox.value as BlockStyle;
    if (mode() === "source") runInSource(source.view, style);
    else surface.run(style);
  });
  $("btn-source").addEventListener("click", () => state.set({ editorMode: mode() === "source" ? "surface" : "source" }));

  return {
    source,
    surface,
    load(text) {
      source.load(text);
      if (!surface.load(text) && mode() === "surface") {
        hint("Bài này có phần chưa hiển thị được ở trang Soạn nên được mở ở Mã nguồn.");
        state.set({ editorMode: "source" });
      }
    },
    text: () => (mode() === "source" ? source.text() : surface.text()),
    wordsText: () => (mode() === "source" ? source.text() : surface.plainText()),
    run(command) {
      if (mode() === "source") runInSource(source.view, command);
      else surface.run(command);
    },
    insertImages(files) {
      if (mode() === "surface") return surface.insertImages(files);
      return insertIntoSource(source.view, files, source.view.state.selection.main.head, paste);
    },
    find(replace) {
      if (mode() === "surface") surface.find(replace);
      else if (replace) openReplace(source.view);
      else openFind(source.view);
    },
    scroller: () => (mode() === "source" ? source.view.scrollDOM : surface.view.dom.parentElement ?? surface.view.dom),
  };
}
