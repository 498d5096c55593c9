// Who else has the open article (issue 14): the app says it has the article
// open when it shows it, again every few seconds while it stays open, and
// that it closed it when another one (or none) is shown; the line above the
// editor names the others: "Đang được Nguyễn Thị Lan sửa". On the library on
// this PC nobody else is there and the line stays hidden.
import { api } from "./api";
import { $ } from "./dom";
import { currentId, watch, type AppStore } from "./state";
import { presenceLine } from "./together-words";

/** How often the app says again that the article is open (the core's PRESENCE_REFRESH). */
const REFRESH_MS = 15_000;

export function wirePresence(state: AppStore) {
  const line = $("presence");
  let open: number | null = null;

  async function refresh() {
    const id = open;
    if (id === null) return;
    try {
      const others = await api.articleOpened(id);
      if (open !== id) return;
      line.textContent = presenceLine(others);
      line.hidden = !others.length;
    } catch {
      // No server just now (the status bar says so): nobody can be named.
      if (open === id) line.hidden = true;
    }
  }

  watch(state, currentId, (id) => {
    if (open !== null && open !== id) void api.articleClosed(open).catch(() => {});
    open = id;
    line.hidden = true;
    line.textContent = "";
    void refresh();
  });
  setInterval(() => void refresh(), REFRESH_MS);
  window.addEventListener("beforeunload", () => {
    if (open !== null) void api.articleClosed(open).catch(() => {});
  });
}
