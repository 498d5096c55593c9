// Bản tin: the bulletin composer. Issues on the left; the chosen issue's
// masthead settings in the middle (saved as one types, like articles); its
// articles on the right, in print order — drag them, or use ↑ ↓ and
// Alt+↑/↓ — with the library below to add from, and "Xuất PDF bản tin".
import { api, errorMessage, type ArticleSummary, type Bulletin, type BulletinForm, type PaperCode, type PrintChoices } from "./api";
import { ask, toast } from "./dialogs";
import { announce, withProgress } from "./exporting";
import { lastFolder, rememberFolder } from "./save-as-folder";
import { passChecks } from "./export-checks";
import { STATUS_LABEL, debounce, escapeHtml, formatDate } from "./format";
import { approvalWarning, approved, nextIssueNumber } from "./labels";
import { showPages } from "./pages";
import { dateField, type DateField } from "./date-field";
import { $ } from "./dom";

let form: BulletinForm | null = null;
let dateOfIssue: DateField | null = null;
const issueDate = () => (dateOfIssue ??= dateField($<HTMLInputElement>("bulletin-date")));
let issue: Bulletin | null = null;
let library: () => ArticleSummary[] = () => [];
/** Tells the top bar that what is on screen changed (composer shown or closed, the issue's articles). */
let onScreenChanged: () => void = () => {};

function titleOf(id: number): string {
  return library().find((a) => a.id === id)?.title ?? `Bài viết số ${id}`;
}

/** An article's status code and its label, as the library last listed it. */
function statusOf(id: number): { status: string; label: string } {
  const status = library().find((a) => a.id === id)?.status ?? "nhap";
  return { status, label: STATUS_LABEL[status] };
}

/** The status badge, tinted as in the library list. */
function badge(status: string, label: string): string {
  return `<span class="badge s-${escapeHtml(status)}">${escapeHtml(label)}</span>`;
}

/** Under the issue's articles: which ones are not approved yet (or nothing). */
function paintApproval(ids: number[]) {
  let p = document.getElementById("bulletin-unapproved");
  if (!p) {
    p = document.createElement("p");
    p.id = "bulletin-unapproved";
    p.className = "warning";
    p.setAttribute("role", "status");
    $("bulletin-articles-empty").after(p);
  }
  p.textContent = approvalWarning(ids.map((id) => ({ title: titleOf(id), ...statusOf(id) })));
  p.hidden = !p.textContent;
}

async function paintIssues() {
  const issues = await api.listBulletins();
  const ul = $("bulletin-list");
  ul.innerHTML = issues
    .map(
      (b) =>
        `<li><button type="button" data-id="${b.id}" class="${b.id === issue?.id ? "on" : ""}">` +
        `<strong>${escapeHtml(b.name)} số ${escapeHtml(b.number)}</strong>` +
        `<span class="muted">${escapeHtml([formatDate(b.date) || b.period, `${b.articles} bài`].filter(Boolean).join(" · "))}</span></button></li>`,
    )
    .join("");
  $("bulletin-list-empty").hidden = issues.length > 0;
  return issues;
}

function fillMasthead(b: Bulletin) {
  const f = $<HTMLFormElement>("bulletin-form").elements as any;
  f.name.value = b.name;
  f.number.value = b.number;
  issueDate().set(b.date);
  f.period.value = b.period;
  f.publisher.value = b.publisher;
  f.internal.checked = b.internal;
  f.licensed.checked = b.licensed;
  $<HTMLSelectElement>("bulletin-paper").value = b.paper;
  $<HTMLSelectElement>("bulletin-columns").value = String(b.columns);
  paintPrintChoices();
  for (const [k] of form?.fields ?? []) f[`field_${k}`].value = b.fields[k] ?? "";
}

function mastheadFromForm(b: Bulletin): Bulletin {
  const f = $<HTMLFormElement>("bulletin-form").elements as any;
  const fields: Record<string, string> = {};
  for (const [k] of form?.fields ?? []) fields[k] = f[`field_${k}`].value;
  return {
    ...b,
    name: f.name.value,
    number: f.number.value,
    date: issueDate().value(),
    period: f.period.value,
    publisher: f.publisher.value,
    internal: f.internal.checked,
    licensed: f.licensed.checked,
    paper: $<HTMLSelectElement>("bulletin-paper").value as PaperCode,
    columns: Number($<HTMLSelectElement>("bulletin-columns").value),
    fields,
  };
}

/**
 * How the issue will print: its own paper and columns (stored with the
 * issue, changed here), or the folded A5 booklet — A5 pages, one column,
 * imposed two by two on A4 landscape — which is a choice for this print only.
 */
function printChoices(): PrintChoices {
  if ($<HTMLInputElement>("bulletin-booklet").checked) return { paper: "a5", columns: 1, booklet: true };
  return {
    paper: $<HTMLSelectElement>("bulletin-paper").value as PaperCode,
    columns: Number($<HTMLSelectElement>("bulletin-columns").value),
    booklet: false,
  };
}

function paintPrintChoices() {
  const booklet = $<HTMLInputElement>("bulletin-booklet").checked;
  $<HTMLSelectElement>("bulletin-paper").disabled = booklet;
  $<HTMLSelectElement>("bulletin-columns").disabled = booklet;
  $("bulletin-print-hint").textContent = booklet
    ? "Trang A5, 1 cột; mỗi tờ A4 ngang in hai trang, xếp sẵn thứ tự để gấp đôi và đóng ghim giữa."
    : "Khổ giấy và số cột được lưu cùng số bản tin này.";
}

function paintArticles() {
  const b = issue;
  const ol = $("bulletin-articles");
  if (!b) return;
  ol.innerHTML = b.articles
    .map(
      (id, i) =>
        `<li draggable="true" tabindex="0" data-id="${id}" class="${approved(statusOf(id).status) ? "" : "unapproved"}" aria-label="${i + 1}. ${escapeHtml(titleOf(id))} (${statusOf(id).label})">` +
        `<span class="grip" aria-hidden="true">⠿</span><span class="n">${i + 1}.</span>` +
        `<span class="t">${escapeHtml(titleOf(id))}</span>` +
        badge(statusOf(id).status, statusOf(id).label) +
        `<button type="button" data-act="up" title="Lên trên (Alt+↑)" ${i === 0 ? "disabled" : ""}>↑</button>` +
        `<button type="button" data-act="down" title="Xuống dưới (Alt+↓)" ${i === b.articles.length - 1 ? "disabled" : ""}>↓</button>` +
        `<button type="button" data-act="remove" title="Bỏ khỏi bản tin (bài vẫn còn trong Thư viện)">Bỏ</button></li>`,
    )
    .join("");
  $("bulletin-articles-empty").hidden = b.articles.length > 0;
  paintApproval(b.articles);
  $<HTMLButtonElement>("btn-bulletin-export").disabled = b.articles.length === 0;
  $<HTMLButtonElement>("btn-bulletin-save-as").disabled = b.articles.length === 0;
  $<HTMLButtonElement>("btn-bulletin-pages").disabled = b.articles.length === 0;
  paintPicker();
  onScreenChanged();
}

function paintPicker() {
  if (!issue) return;
  const q = $<HTMLInputElement>("bulletin-pick-search").value.trim().toLocaleLowerCase("vi");
  const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").toLocaleLowerCase("vi");
  const inIssue = new Set(issue.articles);
  const choices = library()
    .filter((a) => !inIssue.has(a.id) && (!q || fold(a.title).includes(fold(q))))
    .slice(0, 200);
  $("bulletin-pick").innerHTML = choices
    .map(
      (a) =>
        `<li><span class="t">${escapeHtml(a.title)}</span>${badge(a.status, STATUS_LABEL[a.status])}` +
        `<button type="button" data-id="${a.id}" title="Thêm vào cuối bản tin">Thêm</button></li>`,
    )
    .join("");
  $("bulletin-pick-empty").hidden = choices.length > 0;
}

async function show(id: number) {
  try {
    issue = await api.getBulletin(id);
    fillMasthead(issue);
    $("bulletin-detail").hidden = false;
    $("bulletin-none").hidden = true;
    paintArticles();
    await paintIssues();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

/** Applies a change that answers with the issue as it now is. */
async function change(f: () => Promise<Bulletin>, focusId?: number) {
  try {
    issue = await f();
    paintArticles();
    await paintIssues();
    if (focusId) $("bulletin-articles").querySelector<HTMLElement>(`li[data-id="${focusId}"]`)?.focus();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

const saveMasthead = debounce(() => {
  const b = issue;
  if (!b) return;
  const state = $("bulletin-save-state");
  state.textContent = "Đang lưu…";
  api
    .updateBulletin(mastheadFromForm(b))
    .then(async (saved) => {
      if (issue?.id === saved.id) issue = { ...saved, articles: issue.articles };
      state.textContent = "Đã lưu";
      await paintIssues();
    })
    .catch((e) => {
      state.textContent = "Chưa lưu được";
      toast(errorMessage(e), "error");
    });
}, 600);

function move(id: number, to: number) {
  const b = issue;
  if (!b || to < 1 || to > b.articles.length) return;
  void change(() => api.moveInBulletin(b.id, id, to), id);
}

export async function openComposer(articles: () => ArticleSummary[]) {
  library = articles;
  form ??= await api.bulletinForm();
  buildForm(form);
  $("composer").hidden = false;
  onScreenChanged();
  const issues = await paintIssues();
  if (issue && issues.some((b) => b.id === issue!.id)) await show(issue.id);
  else if (issues.length) await show(issues[0].id);
  else {
    issue = null;
    $("bulletin-detail").hidden = true;
    $("bulletin-none").hidden = false;
    onScreenChanged();
  }
}

export function closeComposer() {
  saveMasthead.flush();
  $("composer").hidden = true;
  onScreenChanged();
}

let built = false;
function buildForm(f: BulletinForm) {
  if (built) return;
  built = true;
  $<HTMLSelectElement>("bulletin-paper").replaceChildren(...f.papers.map(([code, label]) => new Option(label, code)));
  $("bulletin-fields").innerHTML = f.fields
    .map(([k, label]) => `<label>${escapeHtml(label)}<input name="field_${k}" autocomplete="off"></label>`)
    .join("");
}

export function wireComposer(screenChanged: () => void) {
  onScreenChanged = screenChanged;
  $("btn-composer-close").addEventListener("click", closeComposer);
  $("composer").addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !document.querySelector("dialog[open]")) closeComposer();
  });
  $("bulletin-list").addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-id]");
    if (b) {
      saveMasthead.flush();
      void show(Number(b.dataset.id));
    }
  });
  $("btn-bulletin-new").addEventListener("click", async () => {
    saveMasthead.flush();
    const issues = await api.listBulletins();
    const last = issues[0];
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    try {
      const b = await api.createBulletin(last?.name ?? "Bản tin Dân vận", nextIssueNumber(last?.number), today);
      await show(b.id);
      $<HTMLInputElement>("bulletin-name").focus();
      toast(`Đã tạo ${b.name} số ${b.number}.`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });
  $("bulletin-form").addEventListener("input", () => {
    $("bulletin-save-state").textContent = "Chưa lưu";
    saveMasthead();
  });
  $("bulletin-form").addEventListener("submit", (e) => e.preventDefault());
  $("btn-bulletin-delete").addEventListener("click", async () => {
    const b = issue;
    if (!b) return;
    if (!(await ask(`Xóa ${b.name} số ${b.number}? Các bài viết vẫn còn trong Thư viện.`, "Xóa bản tin"))) return;
    try {
      await api.deleteBulletin(b.id);
      issue = null;
      await openComposer(library);
      toast(`Đã xóa ${b.name} số ${b.number}.`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });

  const ol = $("bulletin-articles");
  ol.addEventListener("click", (e) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    const li = btn?.closest<HTMLElement>("li");
    const b = issue;
    if (!btn || !li || !b) return;
    const id = Number(li.dataset.id);
    const at = b.articles.indexOf(id) + 1;
    if (btn.dataset.act === "up") move(id, at - 1);
    else if (btn.dataset.act === "down") move(id, at + 1);
    else void change(() => api.removeFromBulletin(b.id, id));
  });
  ol.addEventListener("keydown", (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>("li");
    if (!li || !issue || !e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    const id = Number(li.dataset.id);
    move(id, issue.articles.indexOf(id) + 1 + (e.key === "ArrowUp" ? -1 : 1));
  });
  // Drag and drop: the dragged article goes where it is dropped.
  let dragged: number | null = null;
  ol.addEventListener("dragstart", (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>("li");
    if (!li) return;
    dragged = Number(li.dataset.id);
    e.dataTransfer?.setData("text/plain", String(dragged));
    if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
    li.classList.add("dragging");
  });
  ol.addEventListener("dragend", () => {
    dragged = null;
    ol.querySelectorAll(".dragging, .drop-before").forEach((x) => x.classList.remove("dragging", "drop-before"));
  });
  ol.addEventListener("dragover", (e) => {
    if (dragged === null) return;
    e.preventDefault();
    ol.querySelectorAll(".drop-before").forEach((x) => x.classList.remove("drop-before"));
    (e.target as HTMLElement).closest("li")?.classList.add("drop-before");
  });
  ol.addEventListener("drop", (e) => {
    e.preventDefault();
    const target = (e.target as HTMLElement).closest<HTMLElement>("li");
    if (dragged === null || !issue) return;
    const from = issue.articles.indexOf(dragged) + 1;
    // Dropped on an article: it goes before that one; below the list: last.
    let to = issue.articles.length;
    if (target) {
      to = issue.articles.indexOf(Number(target.dataset.id)) + 1;
      if (from < to) to -= 1;
    }
    if (to !== from) move(dragged, Math.max(1, to));
  });

  $("bulletin-pick-search").addEventListener("input", paintPicker);
  $("bulletin-pick").addEventListener("click", (e) => {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-id]");
    const b = issue;
    if (btn && b) void change(() => api.addToBulletin(b.id, [Number(btn.dataset.id)]));
  });

  $("btn-bulletin-export").addEventListener("click", () => void exportIssue());
  $("btn-bulletin-save-as").addEventListener("click", () => void saveIssueAs());
  $("btn-bulletin-pages").addEventListener("click", () => void showIssuePages());
  for (const id of ["bulletin-paper", "bulletin-columns"])
    $(id).addEventListener("change", () => {
      $("bulletin-save-state").textContent = "Chưa lưu";
      saveMasthead();
    });
  $("bulletin-booklet").addEventListener("change", paintPrintChoices);
}

/** The composer is on screen: the top bar's Xuất PDF, Xem trang in and Ctrl+P act on its issue. */
export function composerShown(): boolean {
  return !$("composer").hidden;
}

/** An issue with articles is on screen: there is something to print. */
export function issuePrintable(): boolean {
  return composerShown() && Boolean(issue?.articles.length);
}

/** "Xuất PDF bản tin" (and the top bar's Xuất PDF in the composer): the issue as chosen under In số này. */
export async function exportIssue() {
  const b = issue;
  if (!b || !b.articles.length) return;
  saveMasthead.flush();
  const choices = printChoices();
  if (!(await passChecks({ bulletin: b.id }, "bulletin-pdf"))) return;
  const out = await withProgress(`Xuất PDF ${b.name} số ${b.number}`, (onStep) => api.exportBulletinPdf(b.id, choices, onStep));
  if (out) announce("Đã xuất", out);
}

/**
 * "Lưu thành…" for the issue (beside Xuất PDF bản tin, and the top bar's in
 * the composer): Kiểm tra first, as for the quick export; then the system's
 * save dialog on the issue's name in the folder used last; then the export,
 * with its progress, written there under a temporary name and renamed.
 */
export async function saveIssueAs() {
  const b = issue;
  if (!b || !b.articles.length) return;
  saveMasthead.flush();
  const choices = printChoices();
  if (!(await passChecks({ bulletin: b.id }, "bulletin-pdf"))) return;
  const run = (onStep: Parameters<typeof api.saveBulletinAs>[3]) => api.saveBulletinAs(b.id, choices, lastFolder(), onStep);
  const out = await withProgress(`Lưu PDF ${b.name} số ${b.number}`, run, true);
  if (!out) return;
  rememberFolder(out.path);
  announce("Đã lưu PDF", out);
}

/** "Xem trang in" of the issue; with `print` (Ctrl+P), then the system's print dialog on those pages. */
export async function showIssuePages(print = false) {
  const b = issue;
  if (!b || !b.articles.length) return;
  saveMasthead.flush();
  const choices = printChoices();
  await showPages(`Trang in: ${b.name} số ${b.number}`, () => api.previewBulletinPages(b.id, choices), print);
}

/** The issue on screen, if the composer is open: after an article is trashed, it may have lost one. */
export async function refreshComposer() {
  if (!$("composer").hidden && issue) await show(issue.id);
}
