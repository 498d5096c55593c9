// "Lưu thành…" beside the quick export (Xuất PDF, Xuất Word write into the
// Bản Tin folder at once): a small menu — PDF or Word — then the system's
// own save dialog, the name suggested and the folder used last. That folder
// is remembered on this computer (the webview's storage, not the library,
// which an office may share), so the next save starts there.
import { api, errorMessage, type SaveKind } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { announce } from "./exporting";
import type { ArticleView } from "./article-view";
import type { AppStore } from "./state";

const LAST_FOLDER = "bantin.luu-thanh.thu-muc";

/** The folder a saved file is in, on Windows and elsewhere. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (cut < 0) return "";
  return cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}

function lastFolder(): string | null {
  try {
    return localStorage.getItem(LAST_FOLDER) || null;
  } catch {
    return null;
  }
}

function rememberFolder(path: string) {
  try {
    const folder = folderOf(path);
    if (folder) localStorage.setItem(LAST_FOLDER, folder);
  } catch {
    // No storage: the dialog opens in the Bản Tin folder next time.
  }
}

export interface SaveAsDeps {
  state: AppStore;
  article: ArticleView;
}

export function wireSaveAs({ state, article }: SaveAsDeps) {
  const button = $<HTMLButtonElement>("btn-save-as");
  const menu = $("save-as-menu");

  async function saveAs(kind: SaveKind) {
    menu.hidePopover?.();
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
      button.disabled = !state.get().current || !$("composer").hidden;
    }
  }

  button.addEventListener("click", () => {
    // Under the button, as a menu would drop.
    const r = button.getBoundingClientRect();
    menu.style.top = `${r.bottom + 4}px`;
    menu.style.left = `${Math.max(8, r.right - 220)}px`;
    menu.togglePopover?.();
    button.setAttribute("aria-expanded", String(menu.matches(":popover-open")));
    menu.querySelector<HTMLButtonElement>("button")?.focus();
  });
  menu.addEventListener("toggle", () => button.setAttribute("aria-expanded", String(menu.matches(":popover-open"))));
  $("btn-save-pdf-as").addEventListener("click", () => void saveAs("pdf"));
  $("btn-save-docx-as").addEventListener("click", () => void saveAs("docx"));
}
