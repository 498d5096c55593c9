// Lịch sử: the article's revisions grouped by editing session, each with its
// word count and the first words it changed; what changed since one of them
// (words, not lines, and Thuộc tính); So sánh; and Khôi phục phiên bản này,
// which says first what it will change and can be undone (Hoàn tác, Ctrl+Z)
// as a new revision. Also the Thuộc tính / Lịch sử tabs.
import "./history.css";
import { api, errorMessage, type Article, type Changes, type Piece, type RevisionSummary } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { REASON_LABEL, formatDateTime, formatInteger } from "./format";
import {
  changesSummary,
  condense,
  fieldLine,
  groupSessions,
  restoreLines,
  revisionLine,
  sessionCount,
  sessionLine,
  sessionWhen,
  whenLabel,
  type Session,
} from "./history-format";
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

/** Words kept, added and removed, as text nodes (article text never goes in as HTML). */
function wordsInto(box: HTMLElement, words: Piece[]) {
  box.replaceChildren(
    ...words.map((p) => {
      const el = document.createElement(p.op === "added" ? "ins" : p.op === "removed" ? "del" : "span");
      el.textContent = p.text;
      return el;
    }),
  );
  // One space between runs (a paragraph break carries its own line end).
  for (const el of Array.from(box.children).slice(1)) el.before(" ");
}

/** The Thuộc tính fields that differ: label, then, now. */
function fieldsTable(c: Changes, leftHead: string): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "field-changes";
  const head = table.createTHead().insertRow();
  for (const h of ["Thuộc tính", leftHead, "Hiện tại"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const f of c.fields) {
    const row = body.insertRow();
    for (const [text, cls] of [[f.label, ""], [f.before || "(trống)", "c-removed"], [f.after || "(trống)", "c-added"]]) {
      const td = row.insertCell();
      td.textContent = text;
      if (cls) td.className = cls;
    }
  }
  return table;
}

function reasonLabel(r: RevisionSummary): string {
  return REASON_LABEL[r.reason] + (r.restored_from ? ` từ phiên bản ${r.restored_from}` : "");
}

/** The restore question: what will change, with Hủy / Khôi phục. Resolves true for Khôi phục. */
function askRestore(number: number, lines: string[]): Promise<boolean> {
  let d = document.getElementById("restore-ask") as HTMLDialogElement | null;
  if (!d) {
    d = document.createElement("dialog");
    d.id = "restore-ask";
    d.className = "ask restore-ask";
    d.innerHTML =
      `<form method="dialog"><h2 id="restore-ask-title"></h2><p id="restore-ask-lead"></p><ul id="restore-ask-list"></ul>` +
      `<p class="muted">Bản đang có vẫn được giữ trong Lịch sử. Có thể hoàn tác ngay bằng Ctrl+Z hoặc nút Hoàn tác.</p>` +
      `<div class="dialog-actions"><button value="no" id="restore-ask-no">Hủy</button><button value="yes" id="restore-ask-yes" class="primary">Khôi phục</button></div></form>`;
    document.body.append(d);
  }
  $("restore-ask-title").textContent = `Khôi phục phiên bản ${number}?`;
  $("restore-ask-lead").textContent = lines.length ? "Bài viết sẽ thay đổi như sau:" : "Phiên bản này giống hệt bản đang có.";
  $("restore-ask-list").replaceChildren(
    ...lines.map((l) => {
      const li = document.createElement("li");
      li.textContent = l;
      return li;
    }),
  );
  d.returnValue = "";
  d.showModal();
  $<HTMLButtonElement>("restore-ask-no").focus();
  const dialog = d;
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true }));
}

export function initHistory({ state, article, refreshList }: HistoryDeps): HistoryPanel {
  /** Sessions the editor opened (by their newest revision), kept across reloads. */
  const opened = new Set<number>();
  /** The restore that Ctrl+Z or Hoàn tác takes back: the article, the revision it wrote, the one before it. */
  let undoable: { id: number; wrote: number; before: number } | null = null;

  function revisionButton(r: RevisionSummary, current: number, lone: boolean): HTMLLIElement {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.className = "rev" + (r.number === current ? " current" : "") + (r.number === state.get().selectedRevision ? " selected" : "");
    b.dataset.n = String(r.number);
    const title = document.createElement("strong");
    title.textContent = `Phiên bản ${r.number}`;
    const when = document.createElement("span");
    when.className = "rev-when";
    const time = lone ? whenLabel(r.created_at, new Date()) : formatDateTime(r.created_at).split(" ")[1];
    when.textContent = ` · ${reasonLabel(r)} · ${time} · `;
    const words = document.createElement("span");
    words.className = "rev-words muted";
    words.textContent = `${formatInteger(r.word_count)} từ`;
    const what = document.createElement("span");
    what.className = "rev-what";
    what.textContent = revisionLine(r);
    b.append(title, when, words, what);
    li.append(b);
    return li;
  }

  function sessionItem(s: Session, current: number): HTMLLIElement {
    if (s.revisions.length === 1) return revisionButton(s.revisions[0], current, true);
    const li = document.createElement("li");
    li.className = "session";
    const details = document.createElement("details");
    details.open = opened.has(s.key) || s.revisions.some((r) => r.number === current);
    details.addEventListener("toggle", () => (details.open ? opened.add(s.key) : opened.delete(s.key)));
    const summary = document.createElement("summary");
    const title = document.createElement("strong");
    title.textContent = sessionWhen(s, new Date());
    const count = document.createElement("span");
    count.textContent = ` · ${sessionCount(s, reasonLabel)} · `;
    const words = document.createElement("span");
    words.className = "rev-words muted";
    words.textContent = `${formatInteger(s.revisions[0].word_count)} từ`;
    const what = document.createElement("span");
    what.className = "rev-what";
    what.textContent = sessionLine(s);
    summary.append(title, count, words, what);
    const ol = document.createElement("ol");
    ol.append(...s.revisions.map((r) => revisionButton(r, current, false)));
    details.append(summary, ol);
    li.append(details);
    return li;
  }

  /** The article whose history is listed: another one closes the revision view. */
  let listed: number | null = null;

  async function load() {
    const current = state.get().current;
    if (!current) return;
    const revs = await api.historySummaries(current.id);
    $("history-list").replaceChildren(...groupSessions(revs).map((s) => sessionItem(s, current.revision)));
    if (listed !== current.id) $("history-view").hidden = true;
    listed = current.id;
  }

  async function openCompare() {
    const { current, shownRevision: rev } = state.get();
    if (!current || !rev || rev.article_id !== current.id) return;
    await article.flush();
    const c = await api.revisionChanges(current.id, rev.number);
    const leftHead = `Phiên bản ${rev.number} · ${formatDateTime(rev.created_at)}`;
    $("compare-title").textContent = `So sánh phiên bản ${rev.number} với bản hiện tại`;
    $("compare-left-head").textContent = leftHead;
    $("compare-summary").textContent = changesSummary(c);
    const rows = $("compare-rows");
    const text = document.createElement("div");
    text.className = "compare-words";
    wordsInto(text, c.words);
    rows.replaceChildren(...(c.fields.length ? [fieldsTable(c, `Phiên bản ${rev.number}`)] : []), text);
    $<HTMLButtonElement>("btn-compare-restore").disabled = rev.number === current.revision;
    $<HTMLDialogElement>("compare").showModal();
    // Start at the first change, as a reader looks for it.
    const first = text.querySelector<HTMLElement>("ins, del");
    rows.scrollTop = first && !c.fields.length ? Math.max(0, first.offsetTop - rows.offsetTop - rows.clientHeight / 3) : 0;
  }

  async function showChanges(number: number) {
    const current = state.get().current;
    if (!current) return;
    const c = await api.revisionChanges(current.id, number);
    const box = $("history-diff");
    box.replaceChildren();
    const head = document.createElement("div");
    head.className = "diff-summary";
    head.textContent = changesSummary(c);
    box.append(head);
    if (c.fields.length) {
      const ul = document.createElement("ul");
      ul.className = "diff-fields";
      ul.append(
        ...c.fields.map((f) => {
          const li = document.createElement("li");
          li.textContent = fieldLine(f);
          return li;
        }),
      );
      box.append(ul);
    }
    const words = document.createElement("div");
    words.className = "diff-words";
    wordsInto(words, condense(c.words));
    box.append(words);
  }

  function reopen(a: Article) {
    article.show(a);
    void refreshList();
    void load();
  }

  async function undoRestore() {
    const u = undoable;
    const current = state.get().current;
    if (!u || !current || current.id !== u.id) return;
    undoable = null;
    try {
      const a = await api.restore(u.id, u.before);
      reopen(a);
      toast(`Đã hoàn tác: bài viết trở lại như trước khi khôi phục (lưu thành phiên bản ${a.revision}).`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  async function restoreSelected() {
    const { current, selectedRevision } = state.get();
    if (!current || selectedRevision === null) return;
    await article.flush();
    try {
      const before = state.get().current!.revision;
      const lines = restoreLines(await api.revisionChanges(current.id, selectedRevision));
      if (!(await askRestore(selectedRevision, lines))) return;
      const a = await api.restore(current.id, selectedRevision);
      undoable = { id: a.id, wrote: a.revision, before };
      reopen(a);
      const what = lines.length ? ` Đã đổi: ${lines.join("; ")}.` : "";
      toast(`Đã khôi phục phiên bản ${selectedRevision} (lưu thành phiên bản ${a.revision}).${what}`, "ok", [
        { label: "Hoàn tác", run: () => undoRestore() },
      ]);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  // Ctrl+Z right after a restore takes the restore back, before the editor's
  // own undo sees the key; once anything is typed or saved it is the editor's.
  window.addEventListener(
    "keydown",
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== "z") return;
      const { current, dirty } = state.get();
      if (!undoable || !current || dirty || current.id !== undoable.id || current.revision !== undoable.wrote) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      e.stopPropagation();
      void undoRestore();
    },
    true,
  );

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
    await showChanges(selectedRevision);
    $("history-view").hidden = false;
    $<HTMLButtonElement>("btn-restore").disabled = selectedRevision === state.get().current?.revision;
  });

  $("btn-compare").addEventListener("click", () => void openCompare());
  $("btn-compare-restore").addEventListener("click", async () => {
    $<HTMLDialogElement>("compare").close();
    await restoreSelected();
  });
  $("btn-restore").addEventListener("click", () => void restoreSelected());

  return { load };
}
