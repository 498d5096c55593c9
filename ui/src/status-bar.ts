// The save state (top bar and status bar), the word count and the library
// path at the bottom.
import type { LibraryInfo } from "./api";
import { $ } from "./dom";
import { formatInteger, wordCount } from "./format";

export function setSaveState(text: string) {
  $("save-state").textContent = text;
  $("status-save").textContent = text;
}

export function showWordCount(body: string) {
  $("word-count").textContent = `${formatInteger(wordCount(body))} từ`;
}

export function showLibraryPath(info: LibraryInfo) {
  $("status-library").textContent = `Thư viện: ${info.path}`;
  $("status-library").title = info.path;
}
