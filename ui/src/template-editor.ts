// Cài đặt → Mẫu trình bày: the templates one can print with, the office
// defaults, and the editor of an office's copy: a form of the template's
// numbers (template-form.ts) beside the open article's print pages set with
// the values being typed, drawn by the core as SVG (pages.ts). The core
// applies and checks every change (`edit_template`), so a wrong value gets
// the core's own Vietnamese sentence next to its field, and saving stores
// the next revision in the library.
import "./template-editor.css";
import { api, errorMessage, type Content, type TemplateDoc, type TemplateKind, type TemplateSummary } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { pageElement } from "./pages";
import {
  PAPERS,
  changesFrom,
  copyName,
  copyTitle,
  display,
  fieldsFor,
  paperOf,
  parseInput,
  readValue,
  unitLabel,
  type FormField,
} from "./template-form";

/** The article on screen (unsaved typing included), or null. */
type OpenArticle = () => { id: number; content: Content } | null;

let hooks: { openArticle: OpenArticle; onSaved: () => void } = { openArticle: () => null, onSaved: () => {} };

/** Profile keys of the office defaults (the core's PROFILE_REPORT / PROFILE_ARTICLE). */
const DEFAULTS: [string, TemplateKind, string][] = [
  ["mau_bao_cao", "report", "Mẫu mặc định cho báo cáo"],
  ["mau_tin_bai", "article", "Mẫu mặc định cho tin bài"],
  ["mau_ban_tin", "bulletin", "Mẫu mặc định cho bản tin"],
];

/** Fills Cài đặt's "Mẫu trình bày" section: the defaults and the list. */
export async function showTemplates() {
  const list = $("tpl-list");
  try {
    const [templates, profile] = await Promise.all([api.listTemplates(), api.getProfile()]);
    $("tpl-defaults").replaceChildren(
      ...DEFAULTS.map(([key, kind, label]) => defaultChoice(key, label, templates.filter((t) => t.kind === kind), profile.fields[key] ?? "")),
    );
    list.replaceChildren(...templates.map(templateItem));
  } catch (e) {
    list.textContent = errorMessage(e);
  }
}

function defaultChoice(key: string, label: string, templates: TemplateSummary[], chosen: string): HTMLElement {
  const l = document.createElement("label");
  l.textContent = label;
  const select = document.createElement("select");
  select.id = `tpl-default-${key}`;
  select.append(new Option("Theo mẫu đi kèm", ""), ...templates.map((t) => new Option(`${t.title} (${t.name})`, t.name)));
  select.value = templates.some((t) => t.name === chosen) ? chosen : "";
  // Saved at once: a choice made is never lost by closing the dialog.
  select.addEventListener("change", async () => {
    try {
      await api.setProfileField(key, select.value);
      toast(`Đã chọn: ${select.selectedOptions[0]?.text ?? ""}.`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });
  l.append(select);
  return l;
}

function templateItem(t: TemplateSummary): HTMLElement {
  const li = document.createElement("li");
  li.dataset.name = t.name;
  const text = document.createElement("span");
  const origin = t.origin === "shipped" ? "đi kèm Bản Tin" : `của đơn vị, bản ${t.revision}`;
  const strong = document.createElement("strong");
  strong.textContent = t.title;
  const small = document.createElement("small");
  small.textContent = ` ${t.name} · ${origin}${t.confirmed ? "" : " · chưa xác nhận"}`;
  text.append(strong, small);
  text.title = t.source;
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "Sao chép";
  copy.title = "Tạo bản của đơn vị từ mẫu này rồi sửa các số của nó";
  copy.addEventListener("click", () => void openEditor(t.name, true));
  li.append(text, copy);
  if (t.origin === "library") {
    const edit = document.createElement("button");
    edit.type = "button";
    edit.textContent = "Sửa";
    edit.addEventListener("click", () => void openEditor(t.name, false));
    li.append(edit);
  }
  return li;
}

/** What the editor is working on. */
let editing: { base: TemplateDoc; current: TemplateDoc | null; fields: FormField[] } | null = null;

async function openEditor(name: string, asCopy: boolean) {
  let base: TemplateDoc;
  let taken: string[];
  try {
    [base, taken] = await Promise.all([api.getTemplate(name), api.listTemplates().then((l) => l.map((t) => t.name))]);
  } catch (e) {
    toast(errorMessage(e), "error");
    return;
  }
  const fields = fieldsFor(base.summary.kind);
  editing = { base, current: null, fields };
  $("tpl-editor-title").textContent = asCopy ? `Sao chép mẫu: ${base.summary.title}` : `Sửa mẫu: ${base.summary.title}`;
  $("tpl-form").replaceChildren(...formGroups(base, fields));
  if (asCopy) {
    input("name").value = copyName(base.summary.name, taken);
    input("title").value = copyTitle(base.summary.title);
  }
  // A copy's name is chosen once; a saved template keeps its name.
  input("name").readOnly = !asCopy;
  const d = $<HTMLDialogElement>("template-editor");
  if (!d.open) d.showModal();
  await apply();
}

function input(path: string): HTMLInputElement {
  return document.querySelector<HTMLInputElement>(`#tpl-form [data-path="${path}"]`)!;
}

function formGroups(doc: TemplateDoc, fields: FormField[]): HTMLElement[] {
  const groups = new Map<string, HTMLFieldSetElement>();
  for (const field of fields) {
    let set = groups.get(field.group);
    if (!set) {
      set = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = field.group;
      set.append(legend);
      groups.set(field.group, set);
    }
    if (field.path === "page.paper.width_mm") set.append(paperChoice(doc));
    set.append(fieldRow(field, readValue(doc.file, field.path)));
  }
  return [...groups.values()];
}

function paperChoice(doc: TemplateDoc): HTMLElement {
  const l = document.createElement("label");
  l.className = "tpl-paper";
  l.append("Khổ giấy");
  const select = document.createElement("select");
  select.id = "tpl-paper";
  select.append(...PAPERS.map((p) => new Option(p.label, p.code)), new Option("Khổ khác (ghi chiều rộng, chiều cao)", "khac"));
  select.value = paperOf(Number(readValue(doc.file, "page.paper.width_mm")), Number(readValue(doc.file, "page.paper.height_mm")));
  select.addEventListener("change", () => {
    const p = PAPERS.find((x) => x.code === select.value);
    if (!p) return;
    input("page.paper.width_mm").value = String(p.width);
    input("page.paper.height_mm").value = String(p.height);
    scheduleApply();
  });
  l.append(select);
  return l;
}

function fieldRow(field: FormField, value: unknown): HTMLElement {
  const row = document.createElement("div");
  row.className = `tpl-field tpl-${field.unit}`;
  const label = document.createElement("label");
  const id = `tpl-${field.path.replace(/\./g, "-")}`;
  label.htmlFor = id;
  label.textContent = field.label;
  let control: HTMLInputElement | HTMLSelectElement;
  if (field.unit === "edge") {
    const select = document.createElement("select");
    select.append(new Option("Trên đầu trang", "top"), new Option("Dưới chân trang", "bottom"));
    select.value = String(value ?? "top");
    control = select;
  } else {
    const i = document.createElement("input");
    if (field.unit === "bool") {
      i.type = "checkbox";
      i.checked = display(field, value) === true;
    } else {
      i.value = String(display(field, value));
      if (field.unit !== "text") i.inputMode = "decimal";
    }
    control = i;
  }
  control.id = id;
  control.dataset.path = field.path;
  const problem = document.createElement("p");
  problem.className = "tpl-problem";
  problem.id = `${id}-problem`;
  problem.setAttribute("aria-live", "polite");
  control.setAttribute("aria-describedby", problem.id);
  const unit = document.createElement("span");
  unit.className = "unit";
  unit.textContent = unitLabel(field.unit);
  if (field.unit === "bool") row.append(control, label, problem);
  else row.append(label, control, unit, problem);
  return row;
}

/** The form's values, or the first field that is not a number. */
function formValues(): { values: Record<string, unknown> } | { path: string; error: string } {
  const values: Record<string, unknown> = {};
  for (const field of editing!.fields) {
    const el = input(field.path);
    const parsed = parseInput(field, el.type === "checkbox" ? el.checked : el.value);
    if ("error" in parsed) return { path: field.path, error: parsed.error };
    values[field.path] = parsed.value;
  }
  return { values };
}

function showProblem(path: string | null, message: string) {
  for (const p of Array.from(document.querySelectorAll("#tpl-form .tpl-problem"))) p.textContent = "";
  for (const el of Array.from(document.querySelectorAll("#tpl-form [aria-invalid]"))) el.removeAttribute("aria-invalid");
  const general = $("tpl-editor-error");
  general.textContent = "";
  if (!message) return;
  const el = path ? document.querySelector<HTMLElement>(`#tpl-form [data-path="${path}"]`) : null;
  if (el) {
    el.setAttribute("aria-invalid", "true");
    document.getElementById(`${el.id}-problem`)!.textContent = message;
  } else general.textContent = message;
}

let timer: number | undefined;
function scheduleApply() {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void apply(), 250);
}

let applying = 0;

/** Asks the core for the template with the form's values, then shows its pages. */
async function apply() {
  if (!editing) return;
  const run = ++applying;
  const read = formValues();
  if ("error" in read) {
    editing.current = null;
    showProblem(read.path, read.error);
    return;
  }
  try {
    const edit = await api.editTemplate(editing.base.text, changesFrom(editing.base.file, read.values));
    if (run !== applying) return;
    editing.current = edit.doc;
    showProblem(edit.field, edit.message ?? "");
    if (edit.doc) await preview(edit.doc.text, run);
  } catch (e) {
    showProblem(null, errorMessage(e));
  }
}

async function preview(text: string, run: number) {
  const state = $("tpl-preview-state");
  const list = $("tpl-preview-pages");
  const open = hooks.openArticle();
  if (editing?.base.summary.kind === "bulletin") {
    list.replaceChildren();
    state.textContent = "Mẫu bản tin: lưu và chọn làm mẫu mặc định cho bản tin, rồi xem trong Bản tin → Xem trang in.";
    return;
  }
  if (!open) {
    list.replaceChildren();
    state.textContent = "Mở một bài viết để xem trước mẫu trên bài đó.";
    return;
  }
  state.textContent = "Đang dàn trang…";
  try {
    const pages = await api.previewWithTemplate(open.id, open.content, text);
    if (run !== applying) return;
    list.replaceChildren(...pages.pages.map(pageElement).filter((p): p is SVGSVGElement => p !== null));
    state.textContent = `Xem trước trên bài “${open.content.title}”: ${pages.pages.length} trang`;
  } catch (e) {
    state.textContent = errorMessage(e);
  }
}

async function save(asDefault: boolean) {
  await apply();
  const doc = editing?.current;
  if (!doc) {
    toast("Mẫu chưa lưu được: hãy sửa giá trị được đánh dấu đỏ.", "error");
    return;
  }
  try {
    const saved = await api.saveTemplate(doc.text);
    const key = DEFAULTS.find(([, kind]) => kind === saved.kind)?.[0];
    if (asDefault && key) await api.setProfileField(key, saved.name);
    $<HTMLDialogElement>("template-editor").close("saved");
    toast(`Đã lưu mẫu “${saved.title}” (bản ${saved.revision})${asDefault && key ? ", dùng làm mặc định" : ""}.`);
    await showTemplates();
    hooks.onSaved();
  } catch (e) {
    showProblem(null, errorMessage(e));
  }
}

/** `openArticle` gives the article to preview on; `onSaved` refreshes the choices elsewhere. */
export function wireTemplateEditor(h: typeof hooks) {
  hooks = h;
  const form = $("tpl-form");
  form.addEventListener("input", (e) => {
    const t = e.target as HTMLElement;
    if (t.dataset.path?.startsWith("page.paper.")) {
      $<HTMLSelectElement>("tpl-paper").value = paperOf(
        Number(input("page.paper.width_mm").value.replace(",", ".")),
        Number(input("page.paper.height_mm").value.replace(",", ".")),
      );
    }
    scheduleApply();
  });
  form.addEventListener("change", scheduleApply);
  $("btn-tpl-save").addEventListener("click", () => void save(false));
  $("btn-tpl-default").addEventListener("click", () => void save(true));
  $<HTMLDialogElement>("template-editor").addEventListener("close", () => {
    editing = null;
    applying++;
  });
}

/** Fills Thuộc tính's "Mẫu trình bày" choice for an article of `kind`, with `chosen` selected. */
export async function fillTemplateChoice(select: HTMLSelectElement, kind: Content["kind"], chosen: string) {
  const fill = (templates: TemplateSummary[]) => {
    const known = templates.some((t) => t.name === chosen);
    select.replaceChildren(
      new Option("Theo mặc định của đơn vị", ""),
      ...templates.map((t) => new Option(t.title, t.name)),
      // A name in the front matter that the list does not have (yet, or any more).
      ...(chosen && !known ? [new Option(chosen, chosen)] : []),
    );
    select.value = chosen;
  };
  // At once, so that a save before the list arrives keeps the choice.
  fill([]);
  const want = kind === "bao-cao" ? "report" : "article";
  try {
    fill((await api.listTemplates()).filter((t) => t.kind === want));
  } catch {
    // The choice stays as it was; the article still prints.
  }
}
