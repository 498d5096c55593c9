// The app's screen: library list with search, editor and live preview,
// metadata and history, export. All data work is done by the core through
// `api`; this file only wires the screen to it.
import "./style.css";
import { api, errorMessage, type LibraryInfo, type Article, type ArticleSummary, type Content, type SearchHit, type Revision, type RevisionInfo } from "./api";
import { createEditor, run, type Command } from "./editor";
import { toast } from "./dialogs";
import { SORT_LABEL, categoriesOf, filterAndSort, type Filters, type SortOrder } from "./listing";
import { moveToTrash, openTrash } from "./trash";
import { insertImages, pasteAndDrop, type PasteSupport } from "./paste";
import { openSettings, wireSettings } from "./settings";
import { announce } from "./exporting";
import { openComposer, refreshComposer, wireComposer } from "./bulletins";
import { showPages } from "./pages";
import { openFind, openReplace } from "./find";
import { dateField } from "./date-field";
import {
  KIND_LABEL,
  REASON_LABEL,
  STATUS_LABEL,
  debounce,
  diffLines,
  escapeHtml,
  formatDate,
  formatDateTime,
  formatInteger,
  formatTime,
  markHtml,
  parseTags,
  sideBySide,
  wordCount,
  type SideCell,
} from "./format";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Seconds of quiet typing before an autosave. */
const AUTOSAVE_MS = 1200;
const ROW_HEIGHT = 64;

let articles: ArticleSummary[] = [];
let hits: SearchHit[] | null = null;
let current: Article | null = null;
let dirty = false;
let saving: Promise<void> = Promise.resolve();
let selectedRevision: number | null = null;
/** The revision shown in Lịch sử, for the side-by-side comparison. */
let shownRevision: Revision | null = null;

// ---------- status and messages ----------

function setSaveState(text: string) {
  $("save-state").textContent = text;
  $("status-save").textContent = text;
}


// ---------- library list (virtualised: only visible rows are in the DOM) ----------

const list = $("list");
const spacer = document.createElement("div");
spacer.className = "list-spacer";
list.append(spacer);

type Row = ArticleSummary & { titleHtml: string; meta: string; snippetHtml: string };

function metaLine(a: ArticleSummary): string {
  return [KIND_LABEL[a.kind], formatDate(a.date) || formatDateTime(a.updated_at), a.category].filter(Boolean).join(" · ");
}

function filters(): Filters {
  const v = (id: string) => ($(id) as HTMLSelectElement).value;
  return { status: v("filter-status") as Filters["status"], kind: v("filter-kind") as Filters["kind"], category: v("filter-category"), sort: v("sort") as SortOrder };
}

function rows(): Row[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const source: Row[] = hits
    ? hits.flatMap((h) => {
        const a = byId.get(h.id);
        return a ? [{ ...a, titleHtml: markHtml(h.title, h.title_marks), meta: metaLine(a), snippetHtml: markHtml(h.snippet, h.marks) }] : [];
      })
    : articles.map((a) => ({ ...a, titleHtml: escapeHtml(a.title), meta: metaLine(a), snippetHtml: "" }));
  return filterAndSort(source, filters());
}

/** The category filter offers the categories in use (keeping the chosen one). */
function fillCategories() {
  const select = $<HTMLSelectElement>("filter-category");
  const chosen = select.value;
  const options = categoriesOf(articles);
  if (chosen && !options.includes(chosen)) options.unshift(chosen);
  select.replaceChildren(new Option("Chuyên mục", ""), ...options.map((c) => new Option(c, c)));
  select.value = chosen;
  const list = $("category-list");
  list.replaceChildren(...categoriesOf(articles).map((c) => new Option(c)));
}

let visibleRows: Row[] = [];

function renderList() {
  visibleRows = rows();
  spacer.style.height = `${visibleRows.length * ROW_HEIGHT}px`;
  const empty = $("list-empty");
  empty.hidden = visibleRows.length > 0;
  const f = filters();
  const filtered = Boolean(f.status || f.kind || f.category);
  empty.textContent = hits
    ? "Không tìm thấy bài viết nào. Hãy thử gõ không dấu hoặc ít từ hơn" + (filtered ? ", hoặc bỏ bớt bộ lọc." : ".")
    : filtered
      ? "Không có bài viết nào khớp bộ lọc."
      : "Thư viện chưa có bài viết. Bấm “+ Bài viết mới” để bắt đầu.";
  $("list-count").textContent = `${formatInteger(visibleRows.length)} bài`;
  paintRows();
}

function paintRows() {
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(visibleRows.length, first + Math.ceil(list.clientHeight / ROW_HEIGHT) + 10);
  list.querySelectorAll(".item").forEach((n) => n.remove());
  for (let i = first; i < last; i++) {
    const r = visibleRows[i];
    const el = document.createElement("div");
    el.className = "item" + (current?.id === r.id ? " selected" : "");
    el.setAttribute("role", "option");
    el.dataset.id = String(r.id);
    el.style.top = `${i * ROW_HEIGHT}px`;
    el.innerHTML =
      `<div class="item-title">${r.titleHtml}</div>` +
      `<div class="item-meta"><span class="badge s-${r.status}">${STATUS_LABEL[r.status as keyof typeof STATUS_LABEL]}</span> ${escapeHtml(r.meta)}</div>` +
      (r.snippetHtml ? `<div class="item-snippet">${r.snippetHtml}</div>` : "");
    list.append(el);
  }
}

list.addEventListener("scroll", paintRows);
list.addEventListener("click", (e) => {
  const item = (e.target as HTMLElement).closest<HTMLElement>(".item");
  if (item) void openArticle(Number(item.dataset.id));
});
list.addEventListener("keydown", (e) => {
  if (e.key === "Delete" && current) {
    e.preventDefault();
    void trashCurrent();
    return;
  }
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  e.preventDefault();
  const i = visibleRows.findIndex((r) => r.id === current?.id);
  const next = visibleRows[Math.min(visibleRows.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)))];
  if (next) void openArticle(next.id);
});

async function refreshList() {
  articles = await api.listArticles();
  const q = ($("search") as HTMLInputElement).value.trim();
  hits = q ? await api.search(q) : null;
  fillCategories();
  renderList();
}

const searchNow = debounce(() => void refreshList().catch((e) => toast(errorMessage(e), "error")), 120);
$("search").addEventListener("input", searchNow);
$("filter-status").addEventListener("change", renderList);
$("filter-kind").addEventListener("change", renderList);
$("filter-category").addEventListener("change", renderList);
$<HTMLSelectElement>("sort").append(...(Object.entries(SORT_LABEL) as [SortOrder, string][]).map(([v, l]) => new Option(l, v)));
$("sort").addEventListener("change", renderList);

// ---------- editor, preview, metadata ----------

const pasteSupport: PasteSupport = { storeImage: (file) => api.putImage(file, file.name || "ảnh dán vào.png"), say: toast };
const editor = createEditor(
  $("editor"),
  () => {
    updateAfterEdit();
  },
  [pasteAndDrop(pasteSupport)],
  (hint) => toast(hint),
);
const meta = $<HTMLFormElement>("meta");
const articleDate = dateField($<HTMLInputElement>("meta-date"));

const renderPreview = debounce(async () => {
  if (!current) return;
  $("preview").innerHTML = headerHtml() + (await api.renderPreview(editor.text()));
}, 120);

function headerHtml(): string {
  const f = meta.elements as any;
  const title = f.title.value.trim();
  const summary = f.summary.value.trim();
  return `<h1 class="preview-title">${escapeHtml(title)}</h1>` + (summary ? `<p class="sapo">${escapeHtml(summary)}</p>` : "");
}

function updateAfterEdit() {
  dirty = true;
  setSaveState("Chưa lưu");
  $("word-count").textContent = `${formatInteger(wordCount(editor.text()))} từ`;
  renderPreview();
  autosave();
}

const autosave = debounce(() => void save(true), AUTOSAVE_MS);

function contentFromScreen(): Content {
  const f = meta.elements as any;
  const extra: Record<string, unknown> = { ...(current?.extra ?? {}) };
  const soHieu = f.so_hieu.value.trim();
  if (soHieu) extra.so_hieu = soHieu;
  else delete extra.so_hieu;
  const noiNhan = f.noi_nhan.value.split("\n").map((s: string) => s.trim()).filter(Boolean);
  if (noiNhan.length) extra.noi_nhan = noiNhan;
  else delete extra.noi_nhan;
  // The signer of this report, when not the profile's (front matter keys).
  for (const key of ["chuc_vu_ky", "nguoi_ky"]) {
    const v = f[key].value.trim();
    if (v) extra[key] = v;
    else delete extra[key];
  }
  return {
    title: f.title.value.trim() || "Bài viết chưa có tiêu đề",
    summary: f.summary.value.trim(),
    author: f.author.value.trim(),
    category: f.category.value.trim(),
    tags: parseTags(f.tags.value),
    kind: f.kind.value,
    status: f.status.value,
    date: articleDate.value(),
    body: editor.text(),
    extra,
  };
}

function showArticle(a: Article) {
  current = a;
  dirty = false;
  const f = meta.elements as any;
  f.title.value = a.title;
  f.summary.value = a.summary;
  f.author.value = a.author;
  f.category.value = a.category;
  f.tags.value = a.tags.join(", ");
  f.kind.value = a.kind;
  f.status.value = a.status;
  articleDate.set(a.date);
  f.so_hieu.value = (a.extra.so_hieu as string) ?? "";
  f.noi_nhan.value = Array.isArray(a.extra.noi_nhan) ? (a.extra.noi_nhan as string[]).join("\n") : "";
  f.chuc_vu_ky.value = (a.extra.chuc_vu_ky as string) ?? "";
  f.nguoi_ky.value = (a.extra.nguoi_ky as string) ?? "";
  meta.classList.toggle("is-report", a.kind === "bao-cao");
  editor.load(a.body);
  $("doc-title").textContent = a.title;
  void api.setWindowTitle(`${a.title} — Bản Tin`);
  $("word-count").textContent = `${formatInteger(wordCount(a.body))} từ`;
  setSaveState(`Đã lưu lúc ${formatTime(a.updated_at)}`);
  $("placeholder").hidden = true;
  $("panes").hidden = false;
  ($("btn-export-pdf") as HTMLButtonElement).disabled = false;
  ($("btn-pages") as HTMLButtonElement).disabled = false;
  ($("btn-bundle") as HTMLButtonElement).disabled = false;
  renderPreview();
  renderPreview.flush();
  paintRows();
  if (!$("history").hidden) void loadHistory();
}

meta.addEventListener("input", () => {
  if (!current) return;
  const f = meta.elements as any;
  meta.classList.toggle("is-report", f.kind.value === "bao-cao");
  $("doc-title").textContent = f.title.value;
  updateAfterEdit();
});
meta.addEventListener("submit", (e) => e.preventDefault());

/** Saves the article on screen; saves run one after another, never two at once. */
function save(autosaveRun: boolean): Promise<void> {
  saving = saving.then(async () => {
    if (!current || (!dirty && autosaveRun)) return;
    const id = current.id;
    dirty = false;
    setSaveState("Đang lưu…");
    try {
      const outcome = await api.saveArticle(id, contentFromScreen(), autosaveRun);
      if (current?.id === id) {
        current = { ...current, ...contentFromScreen(), revision: outcome.revision, updated_at: outcome.updated_at };
        setSaveState(`Đã lưu lúc ${formatTime(outcome.updated_at)}`);
      }
      if (outcome.changed) {
        await refreshList();
        if (!$("history").hidden) await loadHistory();
      }
    } catch (e) {
      dirty = true;
      setSaveState("Chưa lưu được");
      toast(errorMessage(e), "error");
    }
  });
  return saving;
}

/** Saves anything pending now (before switching article, exporting or closing). */
async function flush() {
  autosave.flush();
  await save(true);
}

async function openArticle(id: number) {
  if (current?.id === id) return;
  await flush();
  try {
    showArticle(await api.getArticle(id));
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

$("btn-new").addEventListener("click", async () => {
  await flush();
  try {
    const a = await api.createArticle();
    ($("search") as HTMLInputElement).value = "";
    await refreshList();
    showArticle(a);
    const t = $<HTMLInputElement>("meta-title");
    t.focus();
    t.select();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
});

/** Shows the empty centre when no article is open (after deleting the last one). */
function showNothing() {
  current = null;
  dirty = false;
  $("panes").hidden = true;
  $("placeholder").hidden = false;
  $("doc-title").textContent = "Chưa chọn bài viết";
  setSaveState("");
  for (const b of ["btn-export-pdf", "btn-bundle", "btn-pages"]) $<HTMLButtonElement>(b).disabled = true;
  void api.setWindowTitle("Bản Tin");
}

async function trashCurrent() {
  if (!current) return;
  await flush();
  const { id, title } = current;
  const index = visibleRows.findIndex((r) => r.id === id);
  if (!(await moveToTrash(id, title))) return;
  current = null;
  await refreshList();
  await refreshComposer();
  const next = visibleRows[Math.min(Math.max(index, 0), visibleRows.length - 1)];
  if (next) await openArticle(next.id);
  else showNothing();
}

$("btn-trash").addEventListener("click", () => void trashCurrent());
$("btn-duplicate").addEventListener("click", async () => {
  if (!current) return;
  await flush();
  try {
    const copy = await api.duplicateArticle(current.id);
    await refreshList();
    showArticle(copy);
    toast(`Đã tạo bản sao: “${copy.title}”.`);
  } catch (e) {
    toast(errorMessage(e), "error");
  }
});
$("btn-trash-open").addEventListener("click", () =>
  openTrash(async (a) => {
    await refreshList();
    await openArticle(a.id);
  }),
);

$("toolbar").addEventListener("click", (e) => {
  const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button");
  if (!b) return;
  if (b.dataset.cmd) run(editor.view, b.dataset.cmd as Command);
  if (b.id === "btn-image") $<HTMLInputElement>("image-file").click();
  if (b.id === "btn-find") openFind(editor.view);
  if (b.dataset.view) {
    $("panes").dataset.view = b.dataset.view;
    document.querySelectorAll(".view-toggle button").forEach((x) => x.classList.toggle("on", x === b));
  }
});

$<HTMLInputElement>("image-file").addEventListener("change", async (e) => {
  const input = e.target as HTMLInputElement;
  const files = Array.from(input.files ?? []);
  input.value = "";
  await insertImages(editor.view, files, editor.view.state.selection.main.head, pasteSupport);
});

// The preview follows the editor's scroll position.
editor.view.scrollDOM.addEventListener("scroll", () => {
  const s = editor.view.scrollDOM;
  const p = $("preview");
  const ratio = s.scrollTop / Math.max(1, s.scrollHeight - s.clientHeight);
  p.scrollTop = ratio * (p.scrollHeight - p.clientHeight);
});

// ---------- history ----------

document.querySelectorAll<HTMLButtonElement>(".tabs button").forEach((tab) =>
  tab.addEventListener("click", () => {
    document.querySelectorAll(".tabs button").forEach((t) => t.classList.toggle("on", t === tab));
    $("meta").hidden = tab.dataset.tab !== "meta";
    $("history").hidden = tab.dataset.tab !== "history";
    if (tab.dataset.tab === "history") void loadHistory();
  }),
);

async function loadHistory() {
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

$("history-list").addEventListener("click", async (e) => {
  const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button.rev");
  if (!b || !current) return;
  selectedRevision = Number(b.dataset.n);
  document.querySelectorAll("#history-list button.rev").forEach((x) => x.classList.toggle("selected", x === b));
  const rev = await api.revision(current.id, selectedRevision);
  shownRevision = rev;
  $("history-view-title").textContent = `Phiên bản ${rev.number} so với bản đang soạn`;
  $("history-diff").innerHTML = diffLines(rev.content.body, editor.text())
    .map((l) => `<div class="d-${l.kind}">${l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}${escapeHtml(l.text) || "&nbsp;"}</div>`)
    .join("");
  $("history-view").hidden = false;
  ($("btn-restore") as HTMLButtonElement).disabled = selectedRevision === current.revision;
});

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

function openCompare() {
  const rev = shownRevision;
  if (!current || !rev || rev.article_id !== current.id) return;
  const rows = sideBySide(rev.content.body, editor.text());
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

$("btn-compare").addEventListener("click", openCompare);
$("btn-compare-restore").addEventListener("click", async () => {
  $<HTMLDialogElement>("compare").close();
  await restoreSelected();
});

$("btn-restore").addEventListener("click", () => void restoreSelected());

async function restoreSelected() {
  if (!current || selectedRevision === null) return;
  await flush();
  try {
    const a = await api.restore(current.id, selectedRevision);
    showArticle(a);
    await refreshList();
    await loadHistory();
    toast(`Đã khôi phục phiên bản ${selectedRevision} (lưu thành phiên bản ${a.revision}).`);
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

// ---------- export ----------

async function exportPdf() {
  if (!current) return;
  await flush();
  const button = $<HTMLButtonElement>("btn-export-pdf");
  button.disabled = true;
  setSaveState("Đang dàn trang và xuất PDF…");
  try {
    announce("Đã xuất", await api.exportPdf(current.id));
    setSaveState(`Đã xuất PDF lúc ${formatTime(new Date().toISOString())}`);
  } catch (e) {
    toast(errorMessage(e), "error");
  } finally {
    button.disabled = false;
  }
}
$("btn-export-pdf").addEventListener("click", exportPdf);

// Page preview: the pages the print layout made, laid out from the text on screen.
$("btn-pages").addEventListener("click", () => {
  if (!current) return;
  const id = current.id;
  const content = contentFromScreen();
  void showPages(`Trang in: ${content.title}`, () => api.previewPages(id, content));
});

$("btn-bundle").addEventListener("click", async () => {
  if (!current) return;
  await flush();
  const button = $<HTMLButtonElement>("btn-bundle");
  button.disabled = true;
  setSaveState("Đang đóng gói…");
  try {
    announce("Đã xuất gói tải lên", await api.exportBundle(current.id));
    setSaveState(`Đã xuất gói lúc ${formatTime(new Date().toISOString())}`);
  } catch (e) {
    toast(errorMessage(e), "error");
  } finally {
    button.disabled = false;
  }
});

// ---------- bulletins ----------

wireComposer();
$("btn-bulletin").addEventListener("click", async () => {
  await flush();
  try {
    await openComposer(() => articles);
  } catch (e) {
    toast(errorMessage(e), "error");
  }
});

// ---------- settings ----------

let libraryInfo: LibraryInfo = { path: "", articles: 0, export_dir: "" };
wireSettings({
  flush,
  // After a restore the library is another one: forget the open article,
  // list again and open the newest.
  reload: async () => {
    current = null;
    await refreshList();
    if (articles.length) await openArticle(articles[0].id);
  },
});
$("btn-settings").addEventListener("click", () => void openSettings(libraryInfo));

// ---------- keyboard, closing, start ----------

document.addEventListener("keydown", (e) => {
  if (!(e.ctrlKey || e.metaKey)) return;
  if (e.key === "s") {
    e.preventDefault();
    autosave.flush();
    void save(false);
  } else if (e.key === "p") {
    e.preventDefault();
    void exportPdf();
  } else if (e.key === "F" && e.shiftKey) {
    e.preventDefault();
    $("search").focus();
  } else if ((e.key === "f" || e.key === "h") && !e.defaultPrevented && current && $("composer").hidden && !document.querySelector("dialog[open]")) {
    // Focus outside the editor (the list, the metadata): find in the article all the same.
    e.preventDefault();
    if (e.key === "f") openFind(editor.view);
    else openReplace(editor.view);
  }
});

void api.onClose(flush);

async function start() {
  $("panes").hidden = true;
  try {
    const info = await api.libraryInfo();
    libraryInfo = info;
    $("status-library").textContent = `Thư viện: ${info.path}`;
    $("status-library").title = info.path;
    await refreshList();
    if (articles.length) await openArticle(articles[0].id);
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

void start();
