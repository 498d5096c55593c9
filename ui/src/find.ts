// Ctrl+F: find and replace in the article, with CodeMirror's own search
// panel (@codemirror/search) speaking Vietnamese. Ctrl+H opens it on the
// "Thay thế" field, as in Word.
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { openSearchPanel, search, searchKeymap } from "@codemirror/search";

/** The search panel's words (CodeMirror's phrase keys → what editors read). */
export const FIND_PHRASES: Record<string, string> = {
  Find: "Tìm",
  Replace: "Thay thế",
  next: "Tiếp",
  previous: "Trước",
  all: "Tất cả",
  "match case": "Khớp chữ hoa",
  regexp: "Biểu thức chính quy",
  "by word": "Theo từ",
  replace: "Thay",
  "replace all": "Thay tất cả",
  close: "Đóng",
  "current match": "chỗ đang chọn",
  "on line": "ở dòng",
  "replaced $ matches": "Đã thay $ chỗ",
  "replaced match on line $": "Đã thay một chỗ ở dòng $",
  "Go to line": "Đến dòng",
  go: "Đi",
};

/** Opens the panel (or moves to it) with the cursor in "Tìm". */
export function openFind(view: EditorView): boolean {
  return openSearchPanel(view);
}

/** Opens the panel with the cursor in "Thay thế". */
export function openReplace(view: EditorView): boolean {
  openSearchPanel(view);
  const field = view.dom.querySelector<HTMLInputElement>(".cm-search input[name=replace]");
  field?.focus();
  field?.select();
  return true;
}

/** The editor extension: the panel on top, its keys, its Vietnamese words. */
export function findInArticle(): Extension {
  return [
    EditorState.phrases.of(FIND_PHRASES),
    search({ top: true }),
    keymap.of([{ key: "Mod-h", run: openReplace, preventDefault: true }, ...searchKeymap]),
  ];
}
