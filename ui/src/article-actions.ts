// What the top bar and the list do with articles: + Bài viết mới, Nhân bản,
// Xóa (to Thùng rác) and Thùng rác, Xuất PDF, Xem trang in, Ctrl+P (print),
// Xuất gói tải lên, and the buttons that open Bản tin and Cài đặt. The top
// bar acts on what is on screen: in the bulletin composer, Xuất PDF, Xem
// trang in and Ctrl+P take the issue shown, not the article behind it.
import { api, errorMessage, type ExportOutcome } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { announce } from "./exporting";
import { passChecks } from "./export-checks";
import { formatTime } from "./format";
import { moveToTrash, openTrash } from "./trash";
import { printShown, showPages } from "./pages";
import { composerShown, exportIssue, issuePrintable, openComposer, refreshComposer, showIssuePages } from "./bulletins";
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
  /** Xuất PDF: the article, or the issue in the composer. */
  exportPdf(): Promise<void>;
  /** Ctrl+P: the system's print dialog on the pages of what is on screen. */
  print(): Promise<void>;
  /** Enables the top bar's buttons for what is on screen (an article, or an issue in the composer). */
  paintTopBar(): void;
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

  const exportArticlePdf = () => exportWith("btn-export-pdf", "Đang dàn trang và xuất PDF…", "Đã xuất PDF", "Đã xuất", (id) => api.exportPdf(id), "pdf");
  const exportPdf = () => (composerShown() ? exportIssue() : exportArticlePdf());

  /** Xem trang in of what is on screen; with `print`, then the print dialog on those pages. */
  async function showPagesOnScreen(print: boolean) {
    if (composerShown()) return showIssuePages(print);
    const current = state.get().current;
    if (!current) return;
    const id = current.id;
    const content = article.contentFromScreen();
    await showPages(`Trang in: ${content.title}`, () => api.previewPages(id, content), print);
  }

  async function print() {
    // Xem trang in already open on its pages: print those.
    if (!printShown()) await showPagesOnScreen(true);
  }

  function paintTopBar() {
    const inComposer = composerShown();
    const hasArticle = Boolean(state.get().current);
    const printable = inComposer ? issuePrintable() : hasArticle;
    for (const id of ["btn-export-pdf", "btn-pages"]) $<HTMLButtonElement>(id).disabled = !printable;
    // Lưu thành… saves the issue's PDF in the composer; Word and the upload bundle are an article's.
    $<HTMLButtonElement>("btn-save-as").disabled = !printable;
    for (const id of ["btn-export-docx", "btn-bundle"]) $<HTMLButtonElement>(id).disabled = inComposer || !hasArticle;
    $("btn-export-pdf").title = inComposer ? "Xuất PDF số bản tin đang mở" : "Xuất PDF bài đang mở vào thư mục Bản Tin";
    $("btn-pages").title = inComposer ? "Xem số bản tin đang mở sẽ in ra thế nào; in từ đây (Ctrl+P)" : "Xem bài sẽ in ra trên các trang giấy thế nào; in từ đây (Ctrl+P)";
  }
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
  // Page preview: the pages the print layout made, laid out from the text on screen (or the issue's).
  $("btn-pages").addEventListener("click", () => void showPagesOnScreen(false));
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

  return { exportPdf, print, paintTopBar, trashCurrent };
}
