// What the top bar and the list do with articles: + Bài viết mới, Nhân bản,
// Xóa (to Thùng rác) and Thùng rác, Xuất PDF, Xem trang in, Xuất gói tải lên,
// and the buttons that open Bản tin and Cài đặt.
import { api, errorMessage, type ExportOutcome } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { announce } from "./exporting";
import { passChecks } from "./export-checks";
import { formatTime } from "./format";
import { moveToTrash, openTrash } from "./trash";
import { showPages } from "./pages";
import { openComposer, refreshComposer } from "./bulletins";
import { openSettings } from "./settings";
import { setSaveState } from "./status-bar";
import type { ArticleView } from "./article-view";
import type { LibraryList } from "./library-list";
import type { AppStore } from "./state";

export interface ArticleActionsDeps {
  state: AppStore;
  article: ArticleView;
  list: LibraryList;
}

export interface ArticleActions {
  /** Ctrl+P and Xuất PDF. */
  exportPdf(): Promise<void>;
  /** Delete and Xóa: the open article to the recycle bin; the next one opens. */
  trashCurrent(): Promise<void>;
}

export function wireArticleActions({ state, article, list }: ArticleActionsDeps): ArticleActions {
  /** Saves, then runs one export with its button disabled and the save state saying what happens. */
  async function exportWith(buttonId: string, working: string, done: string, what: string, run: (id: number) => Promise<ExportOutcome>, checked?: string) {
    const current = state.get().current;
    if (!current) return;
    await article.flush();
    // A report is checked first: its lỗi show before anything is written.
    if (checked && state.get().current?.kind === "bao-cao" && !(await passChecks({ article: current.id }, checked))) return;
    const button = $<HTMLButtonElement>(buttonId);
    button.disabled = true;
    setSaveState(working);
    try {
      announce(what, await run(current.id));
      setSaveState(`${done} lúc ${formatTime(new Date().toISOString())}`);
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      button.disabled = false;
    }
  }

  const exportPdf = () => exportWith("btn-export-pdf", "Đang dàn trang và xuất PDF…", "Đã xuất PDF", "Đã xuất", (id) => api.exportPdf(id), "pdf");
  const exportDocx = () => exportWith("btn-export-docx", "Đang xuất tệp Word…", "Đã xuất Word", "Đã xuất tệp Word", (id) => api.exportDocx(id), "docx");

  async function trashCurrent() {
    const current = state.get().current;
    if (!current) return;
    await article.flush();
    const { id, title } = current;
    const index = list.rows().findIndex((r) => r.id === id);
    if (!(await moveToTrash(id, title))) return;
    state.set({ current: null });
    await list.refresh();
    await refreshComposer();
    const rows = list.rows();
    const next = rows[Math.min(Math.max(index, 0), rows.length - 1)];
    if (next) await article.open(next.id);
    else article.showNothing();
  }

  $("btn-new").addEventListener("click", async () => {
    await article.flush();
    try {
      const a = await api.createArticle();
      ($("search") as HTMLInputElement).value = "";
      await list.refresh();
      article.show(a);
      const t = $<HTMLInputElement>("meta-title");
      t.focus();
      t.select();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });

  $("btn-trash").addEventListener("click", () => void trashCurrent());
  $("btn-duplicate").addEventListener("click", async () => {
    const current = state.get().current;
    if (!current) return;
    await article.flush();
    try {
      const copy = await api.duplicateArticle(current.id);
      await list.refresh();
      article.show(copy);
      toast(`Đã tạo bản sao: “${copy.title}”.`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });
  $("btn-trash-open").addEventListener("click", () =>
    openTrash(async (a) => {
      await list.refresh();
      await article.open(a.id);
    }),
  );

  $("btn-export-pdf").addEventListener("click", exportPdf);
  $("btn-export-docx").addEventListener("click", exportDocx);
  // Page preview: the pages the print layout made, laid out from the text on screen.
  $("btn-pages").addEventListener("click", () => {
    const current = state.get().current;
    if (!current) return;
    const id = current.id;
    const content = article.contentFromScreen();
    void showPages(`Trang in: ${content.title}`, () => api.previewPages(id, content));
  });
  $("btn-bundle").addEventListener("click", () =>
    exportWith("btn-bundle", "Đang đóng gói…", "Đã xuất gói", "Đã xuất gói tải lên", (id) => api.exportBundle(id)),
  );

  $("btn-bulletin").addEventListener("click", async () => {
    await article.flush();
    try {
      await openComposer(() => state.get().articles);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });
  $("btn-settings").addEventListener("click", () => void openSettings(state.get().library));

  return { exportPdf, trashCurrent };
}
