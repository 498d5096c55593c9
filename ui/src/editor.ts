// The Markdown editor: CodeMirror 6 with Word-like shortcuts. Composition
// input (Telex/VNI through Unikey or the OS) is handled by CodeMirror's
// contenteditable, so no key handling here touches letters.
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";

export type Command = "bold" | "italic" | "heading" | "list" | "quote" | "table" | "link";

/** Wraps the selection in `mark` (or unwraps it if already wrapped). */
function wrap(view: EditorView, mark: string, empty: string): boolean {
  const { from, to } = view.state.selection.main;
  const doc = view.state.doc;
  const before = doc.sliceString(Math.max(0, from - mark.length), from);
  const after = doc.sliceString(to, to + mark.length);
  if (before === mark && after === mark) {
    view.dispatch({
      changes: [
        { from: from - mark.length, to: from, insert: "" },
        { from: to, to: to + mark.length, insert: "" },
      ],
      selection: { anchor: from - mark.length, head: to - mark.length },
    });
    return true;
  }
  const text = from === to ? empty : doc.sliceString(from, to);
  view.dispatch({
    changes: { from, to, insert: mark + text + mark },
    selection: { anchor: from + mark.length, head: from + mark.length + text.length },
  });
  return true;
}

/** Puts `prefix` at the start of every selected line. */
function prefixLines(view: EditorView, prefix: string): boolean {
  const { from, to } = view.state.selection.main;
  const changes = [];
  for (let pos = from; pos <= to; ) {
    const line = view.state.doc.lineAt(pos);
    if (!line.text.startsWith(prefix)) changes.push({ from: line.from, insert: prefix });
    pos = line.to + 1;
  }
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
    case "heading":
      return prefixLines(view, "## ");
    case "list":
      return prefixLines(view, "- ");
    case "quote":
      return prefixLines(view, "> ");
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

export function createEditor(parent: HTMLElement, onChange: (text: string) => void, extra: Extension[] = []): Editor {
  const shortcuts = keymap.of([
    { key: "Mod-b", run: (v) => run(v, "bold") },
    { key: "Mod-i", run: (v) => run(v, "italic") },
    { key: "Mod-k", run: (v) => run(v, "link") },
  ]);
  const extensions = [
    history(),
    shortcuts,
    ...extra,
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    markdown(),
    EditorView.lineWrapping,
    placeholder("Viết nội dung bài ở đây. **đậm**, *nghiêng*, ## Tiêu đề mục, - danh sách…"),
    EditorView.contentAttributes.of({ spellcheck: "false", lang: "vi", "aria-label": "Nội dung bài viết" }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange(u.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: "", extensions }) });
  return {
    view,
    load: (text) => view.setState(EditorState.create({ doc: text, extensions })),
    text: () => view.state.doc.toString(),
  };
}
