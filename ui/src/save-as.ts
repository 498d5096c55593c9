// "Lưu thành…" beside the quick export (Xuất PDF, Xuất Word write into the
// Bản Tin folder at once): a small menu — PDF or Word — then the system's
// own save dialog, the name suggested and the folder used last. That folder
// is remembered on this computer (the webview's storage, not the library,
// which an office may share), so the next save starts there. In the
// bulletin composer it acts on the issue, which has only a PDF.
import { api, errorMessage, type SaveKind } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { announce } from "./exporting";
import { lastFolder, rememberFolder } from "./save-as-folder";
import { composerShown, issuePrintable, saveIssueAs } from "./bulletins";
import type { ArticleView } from "./article-view";
import type { AppStore } from "./state";

export interface SaveAsDeps {
  state: AppStore;
  article: ArticleView;
}

export function wireSaveAs({ state, article }: SaveAsDeps) {
  const button = $<HTMLButtonElement>("btn-save-as");
  const menu = $("save-as-menu");

  async function saveAs(kind: SaveKind) {
    menu.hidePopover?.();
    if (composerShown()) {
      if (kind === "pdf") await saveIssueAs();
      return;
    }
    const current = state.get().current;
    if (!current) return;
    await article.flush();
    button.disabled = true;
    try {
      const out = await api.saveArticleAs(current.id, kind, lastFolder());
      if (!out) return;
      rememberFolder(out.path);
      announce(kind === "pdf" ? "Đã lưu PDF" : "Đã lưu tệp Word", out);
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      button.disabled = composerShown() ? !issuePrintable() : !state.get().current;
    }
  }

  button.addEventListener("click", () => {
    // Under the button, as a menu would drop.
    const r = button.getBoundingClientRect();
    menu.style.top = `${r.bottom + 4}px`;
    menu.style.left = `${Math.max(8, r.right - 220)}px`;
    // An issue prints only as PDF.
    $<HTMLButtonElement>("btn-save-docx-as").disabled = composerShown();
    menu.togglePopover?.();
    button.setAttribute("aria-expanded", String(menu.matches(":popover-open")));
    menu.querySelector<HTMLButtonElement>("button")?.focus();
  });
  menu.addEventListener("toggle", () => button.setAttribute("aria-expanded", String(menu.matches(":popover-open"))));
  $("btn-save-pdf-as").addEventListener("click", () => void saveAs("pdf"));
  $("btn-save-docx-as").addEventListener("click", () => void saveAs("docx"));
}
