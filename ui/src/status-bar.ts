// The save state (top bar and status bar), the word count and the library
// path at the bottom.
import type { LibraryInfo } from "./api";
import { $ } from "./dom";
import { formatInteger, wordCount } from "./format";

/** Sets an element's text only when it changes: typing sets "Chưa lưu" on every key, and each write costs a relayout. */
function say(id: string, text: string) {
  const el = $(id);
  if (el.textContent !== text) el.textContent = text;
}

export function setSaveState(text: string) {
  say("save-state", text);
  say("status-save", text);
}

export function showWordCount(body: string) {
  say("word-count", `${formatInteger(wordCount(body))} từ`);
}

export function showLibraryPath(info: LibraryInfo) {
  $("status-library").textContent = `Thư viện: ${info.path}`;
  $("status-library").title = info.path;
}
