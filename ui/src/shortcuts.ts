// Keys that work anywhere in the window, as in Word (Ctrl+S, Ctrl+P,
// Ctrl+Shift+F, Ctrl+F/H outside Mã nguồn), and saving before the window closes.
import { api } from "./api";
import { $ } from "./dom";
import type { ArticleView } from "./article-view";
import type { AppStore } from "./state";

export interface ShortcutDeps {
  state: AppStore;
  article: ArticleView;
  /** Ctrl+P: the print dialog on the pages of what is on screen. */
  print: () => Promise<void>;
}

export function wireShortcuts({ state, article, print }: ShortcutDeps) {
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === "s") {
      e.preventDefault();
      void article.saveNow();
    } else if (e.key === "p") {
      e.preventDefault();
      void print();
    } else if (e.key === "F" && e.shiftKey) {
      e.preventDefault();
      $("search").focus();
    } else if ((e.key === "f" || e.key === "h") && !e.defaultPrevented && state.get().current && $("composer").hidden && !document.querySelector("dialog[open]")) {
      // Focus outside Mã nguồn (Soạn, the list, the metadata): find in the article all the same.
      e.preventDefault();
      article.editor.find(e.key === "h");
    }
  });
  void api.onClose(article.flush);
}
