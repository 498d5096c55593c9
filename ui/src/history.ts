// Lịch sử: the article's revisions, what changed since one of them, So sánh
// side by side, and Khôi phục phiên bản này. Also the Thuộc tính / Lịch sử tabs.
import { api, errorMessage, type RevisionInfo } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { REASON_LABEL, diffLines, escapeHtml, formatDateTime, formatInteger, sideBySide, type SideCell } from "./format";
import type { ArticleView } from "./article-view";
import type { AppStore, SideTab } from "./state";

export interface HistoryDeps {
  state: AppStore;
  article: ArticleView;
  refreshList: () => Promise<void>;
}

export interface HistoryPanel {
  /** Lists the open article's revisions again. */
  load(): Promise<void>;
}

// So sánh: the chosen revision on the left, the text on screen on the right,
// lines facing each other. Article text goes in by textContent only.
function compareCell(cell: SideCell | null, kind: "same" | "removed" | "added"): HTMLElement {
  const div = document.createElement("div");
  div.className = `c-cell c-${cell ? kind : "blank"}`;
  const n = document.createElement("span");
  n.className = "c-n";
  const t = document.createElement("span");
  t.className = "c-t";
  if (cell) {
    n.textContent = String(cell.n);
    t.textContent = cell.text;
  }
  div.append(n, t);
  return div;
}

export function initHistory({ state, article, refreshList }: HistoryDeps): HistoryPanel {
  async function load() {
    const current = state.get().current;
    if (!current) return;
    const revs: RevisionInfo[] = await api.history(current.id);
    const ol = $("history-list");
    ol.innerHTML = "";
    for (const r of revs.slice().reverse()) {
      const li = document.createElement("li");
      const from = r.restored_from ? ` từ phiên bản ${r.restored_from}` : "";
      li.innerHTML =
        `<button class="rev${r.number === current.revision ? " current" : ""}" data-n="${r.number}">` +
        `<strong>Phiên bản ${r.number}</strong> · ${REASON_LABEL[r.reason]}${from}<br>` +
        `<span class="muted">${formatDateTime(r.created_at)} · ${formatInteger(r.size)} byte</span></button>`;
      ol.append(li);
    }
    $("history-view").hidden = true;
  }

  function openCompare() {
    const { current, shownRevision: rev } = state.get();
    if (!current || !rev || rev.article_id !== current.id) return;
    const rows = sideBySide(rev.content.body, article.editor.text());
    $("compare-title").textContent = `So sánh phiên bản ${rev.number} với bản hiện tại`;
    $("compare-left-head").textContent = `Phiên bản ${rev.number} · ${formatDateTime(rev.created_at)}`;
    const gone = rows.filter((r) => r.kind === "removed" || r.kind === "changed").length;
    const come = rows.filter((r) => r.kind === "added" || r.kind === "changed").length;
    $("compare-summary").textContent =
      gone + come === 0 ? "Hai bản giống hệt nhau." : `${formatInteger(gone)} dòng bỏ đi, ${formatInteger(come)} dòng thêm vào`;
    const list = $("compare-rows");
    list.replaceChildren(
      ...rows.map((r) => {
        const row = document.createElement("div");
        row.className = `c-row c-row-${r.kind}`;
        row.append(compareCell(r.left, r.kind === "same" ? "same" : "removed"), compareCell(r.right, r.kind === "same" ? "same" : "added"));
        return row;
      }),
    );
    $<HTMLButtonElement>("btn-compare-restore").disabled = rev.number === current.revision;
    $<HTMLDialogElement>("compare").showModal();
    // Start at the first difference, as a reader looks for it.
    const first = list.querySelector<HTMLElement>(".c-row:not(.c-row-same)");
    list.scrollTop = first ? Math.max(0, first.offsetTop - list.offsetTop - list.clientHeight / 3) : 0;
  }

  async function restoreSelected() {
    const { current, selectedRevision } = state.get();
    if (!current || selectedRevision === null) return;
    await article.flush();
    try {
      const a = await api.restore(current.id, selectedRevision);
      article.show(a);
      await refreshList();
      await load();
      toast(`Đã khôi phục phiên bản ${selectedRevision} (lưu thành phiên bản ${a.revision}).`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  document.querySelectorAll<HTMLButtonElement>(".tabs button").forEach((tab) =>
    tab.addEventListener("click", () => {
      const shown = tab.dataset.tab as SideTab;
      state.set({ tab: shown });
      document.querySelectorAll(".tabs button").forEach((t) => t.classList.toggle("on", t === tab));
      $("meta").hidden = shown !== "meta";
      $("history").hidden = shown !== "history";
      if (shown === "history") void load();
    }),
  );

  $("history-list").addEventListener("click", async (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button.rev");
    const current = state.get().current;
    if (!b || !current) return;
    const selectedRevision = Number(b.dataset.n);
    state.set({ selectedRevision });
    document.querySelectorAll("#history-list button.rev").forEach((x) => x.classList.toggle("selected", x === b));
    const rev = await api.revision(current.id, selectedRevision);
    state.set({ shownRevision: rev });
    $("history-view-title").textContent = `Phiên bản ${rev.number} so với bản đang soạn`;
    $("history-diff").innerHTML = diffLines(rev.content.body, article.editor.text())
      .map((l) => `<div class="d-${l.kind}">${l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}${escapeHtml(l.text) || "&nbsp;"}</div>`)
      .join("");
    $("history-view").hidden = false;
    $<HTMLButtonElement>("btn-restore").disabled = selectedRevision === state.get().current?.revision;
  });

  $("btn-compare").addEventListener("click", openCompare);
  $("btn-compare-restore").addEventListener("click", async () => {
    $<HTMLDialogElement>("compare").close();
    await restoreSelected();
  });
  $("btn-restore").addEventListener("click", () => void restoreSelected());

  return { load };
}
