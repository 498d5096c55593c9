// The recycle bin (Thùng rác): deleting moves an article here with its
// whole history; "Khôi phục" brings it back to the library. Asking first
// only when deleting would also take the article out of bulletin issues.
import { api, errorCode, errorMessage, type Article } from "./api";
import { ask, toast } from "./dialogs";
import { escapeHtml, formatDateTime, KIND_LABEL } from "./format";

/**
 * Moves an article to the recycle bin. If bulletins print it, asks whether
 * to take it out of them too. Resolves true if it was moved.
 */
export async function moveToTrash(id: number, title: string): Promise<boolean> {
  try {
    await api.trashArticle(id, false);
  } catch (e) {
    if (errorCode(e) !== "article_in_bulletins") {
      toast(errorMessage(e), "error");
      return false;
    }
    const question = `${errorMessage(e)} Bỏ bài khỏi các bản tin đó và chuyển vào Thùng rác?`;
    if (!(await ask(question, "Bỏ khỏi bản tin và xóa"))) return false;
    try {
      await api.trashArticle(id, true);
    } catch (e2) {
      toast(errorMessage(e2), "error");
      return false;
    }
  }
  toast(`Đã chuyển “${title}” vào Thùng rác. Có thể khôi phục trong Thùng rác.`);
  return true;
}

/** Opens the recycle bin; `restored` is told of each article brought back. */
export async function openTrash(restored: (a: Article) => void | Promise<void>) {
  const d = document.getElementById("trash") as HTMLDialogElement;
  const list = document.getElementById("trash-list")!;
  const paint = async () => {
    const items = await api.listTrash();
    list.innerHTML = items
      .map(
        (t) =>
          `<li><div class="trash-item"><strong>${escapeHtml(t.title)}</strong>` +
          `<span class="muted">${KIND_LABEL[t.kind]} · xóa lúc ${formatDateTime(t.deleted_at)}</span></div>` +
          `<button type="button" data-id="${t.id}">Khôi phục</button></li>`,
      )
      .join("");
    document.getElementById("trash-empty")!.hidden = items.length > 0;
  };
  list.onclick = async (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-id]");
    if (!b) return;
    b.disabled = true;
    try {
      const a = await api.restoreFromTrash(Number(b.dataset.id));
      await paint();
      await restored(a);
      toast(`Đã khôi phục “${a.title}” về Thư viện.`);
    } catch (err) {
      b.disabled = false;
      toast(errorMessage(err), "error");
    }
  };
  try {
    await paint();
    d.showModal();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}
