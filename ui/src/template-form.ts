// Mẫu trình bày: which of a template's numbers the form in Cài đặt shows,
// under which Vietnamese label and unit, and how a form value becomes the
// (field, value) change the core applies. Pure: no DOM, no Tauri, so the
// mapping is tested on its own (template-form.test.ts). Whether a value is
// allowed is the core's to say (its message goes next to the field); here
// only "is this a number at all" is answered.
import type { TemplateKind } from "./api";

/** mm and pt are lengths; "times" a multiple of the font size; "count" a whole number. */
export type FieldUnit = "mm" | "pt" | "times" | "count" | "bool" | "text" | "edge";

export interface FormField {
  /** The field's path in the template file, as the core names it in its messages. */
  path: string;
  label: string;
  unit: FieldUnit;
  group: string;
}

const UNIT_LABEL: Partial<Record<FieldUnit, string>> = { mm: "mm", pt: "pt", times: "lần cỡ chữ" };

export function unitLabel(unit: FieldUnit): string {
  return UNIT_LABEL[unit] ?? "";
}

const f = (group: string, path: string, label: string, unit: FieldUnit): FormField => ({ path, label, unit, group });

const NAME = "Tên mẫu";
const PAGE = "Khổ giấy và lề";
const TEXT = "Chữ và đoạn văn";
const NUMBERS = "Số trang";
const HEAD = "Phần đầu và phần ký (báo cáo)";
const TITLE = "Tên bài và tác giả";
const SHOWN = "Các phần được in";
const MASTHEAD = "Khoảng cách ở măng-sét, mục lục, khung cuối số";

const NAMING = [
  f(NAME, "title", "Tên hiển thị", "text"),
  f(NAME, "name", "Mã mẫu (chữ thường không dấu, ví dụ report/hd36-2018-xa)", "text"),
];

const MARGINS = (at: string, what: string) => [
  f(PAGE, `${at}margins.top_mm`, `Lề trên${what}`, "mm"),
  f(PAGE, `${at}margins.bottom_mm`, `Lề dưới${what}`, "mm"),
  f(PAGE, `${at}margins.left_mm`, `Lề trái${what}`, "mm"),
  f(PAGE, `${at}margins.right_mm`, `Lề phải${what}`, "mm"),
];

const PAGE_FIELDS = [
  f(PAGE, "page.paper.width_mm", "Chiều rộng giấy", "mm"),
  f(PAGE, "page.paper.height_mm", "Chiều cao giấy", "mm"),
  ...MARGINS("page.", ""),
  f(PAGE, "page.double_sided", "In hai mặt (trang sau đổi lề trái và lề phải)", "bool"),
  f(TEXT, "text.body_size", "Cỡ chữ thân bài", "pt"),
  f(TEXT, "text.leading", "Khoảng cách dòng", "times"),
  f(TEXT, "text.first_indent_mm", "Thụt đầu dòng", "mm"),
  f(TEXT, "text.para_space", "Khoảng cách giữa hai đoạn", "pt"),
  f(TEXT, "text.heading_sizes.0", "Cỡ chữ đề mục cấp 1", "pt"),
  f(TEXT, "text.heading_sizes.1", "Cỡ chữ đề mục cấp 2", "pt"),
  f(TEXT, "text.heading_sizes.2", "Cỡ chữ đề mục cấp 3", "pt"),
  f(TEXT, "text.table_size", "Cỡ chữ trong bảng", "pt"),
  f(TEXT, "text.caption_size", "Cỡ chữ chú thích ảnh", "pt"),
  f(TEXT, "text.footnote_size", "Cỡ chữ chú thích cuối trang", "pt"),
  f(TEXT, "text.list_indent_mm", "Thụt lề danh sách", "mm"),
  f(NUMBERS, "page_numbers.from_page", "Đánh số từ trang", "count"),
  f(NUMBERS, "page_numbers.at", "Vị trí số trang", "edge"),
  f(NUMBERS, "page_numbers.from_edge_mm", "Cách mép giấy", "mm"),
  f(NUMBERS, "page_numbers.size", "Cỡ chữ số trang", "pt"),
];

const REPORT_FIELDS = [
  f(HEAD, "report.national_size", "Cỡ chữ “ĐẢNG CỘNG SẢN VIỆT NAM”", "pt"),
  f(HEAD, "report.header_size", "Cỡ chữ tên cơ quan, số ký hiệu, ngày tháng", "pt"),
  f(HEAD, "report.type_name_size", "Cỡ chữ tên loại văn bản (BÁO CÁO)", "pt"),
  f(HEAD, "report.summary_size", "Cỡ chữ trích yếu", "pt"),
  f(HEAD, "report.summary_rule_mm", "Độ dài gạch dưới trích yếu", "mm"),
  f(HEAD, "report.recipients_heading_size", "Cỡ chữ “Nơi nhận:”", "pt"),
  f(HEAD, "report.recipients_size", "Cỡ chữ các nơi nhận", "pt"),
  f(HEAD, "report.signature_size", "Cỡ chữ phần ký", "pt"),
  f(HEAD, "report.signature_lines", "Số dòng để trống cho chữ ký", "count"),
  f(SHOWN, "report.show.national_title", "In tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” (góc phải trang đầu)", "bool"),
  f(SHOWN, "report.show.recipients", "In “Nơi nhận:” và các nơi nhận", "bool"),
  f(SHOWN, "report.show.signature", "In khối ký (T/M…, chức vụ, họ tên người ký)", "bool"),
];

const ARTICLE_FIELDS = [
  f(TITLE, "article.title_size", "Cỡ chữ tên bài", "pt"),
  f(TITLE, "article.title_centered", "Tên bài căn giữa", "bool"),
  f(TITLE, "article.lead_bold", "Sapô in đậm", "bool"),
  f(TITLE, "article.author_size", "Cỡ chữ dòng tác giả", "pt"),
  f(SHOWN, "article.show.lead", "In sapô dưới tên bài", "bool"),
  f(SHOWN, "article.show.author", "In dòng tác giả cuối bài", "bool"),
  f(SHOWN, "article.show.captions", "In lời chú thích dưới ảnh", "bool"),
  f(SHOWN, "article.show.footnotes", "In chú thích cuối trang", "bool"),
];

const BULLETIN_FIELDS = [
  ...MARGINS("bulletin.large.", " (A4, 19×27)"),
  f(PAGE, "bulletin.large.gutter_mm", "Khoảng cách hai cột (A4, 19×27)", "mm"),
  ...MARGINS("bulletin.small.", " (A5)"),
  f(PAGE, "bulletin.double_sided", "In hai mặt (trang sau đổi lề trái và lề phải)", "bool"),
  f(TEXT, "bulletin.large.body_size_one_column", "Cỡ chữ thân bài, một cột (A4, 19×27)", "pt"),
  f(TEXT, "bulletin.large.body_size_two_columns", "Cỡ chữ thân bài, hai cột (A4, 19×27)", "pt"),
  f(TEXT, "bulletin.small.body_size_one_column", "Cỡ chữ thân bài (A5)", "pt"),
  f(TEXT, "bulletin.leading", "Khoảng cách dòng", "times"),
  f(TEXT, "bulletin.two_columns.first_indent_mm", "Thụt đầu dòng (hai cột)", "mm"),
  f(TITLE, "bulletin.large.name_size", "Cỡ chữ tên bản tin (A4, 19×27)", "pt"),
  f(TITLE, "bulletin.lead_bold", "Sapô in đậm", "bool"),
  f(NUMBERS, "bulletin.page_numbers_from_page", "Đánh số từ trang", "count"),
  f(MASTHEAD, "bulletin.spacing.under_publisher_em", "Dưới tên cơ quan xuất bản", "times"),
  f(MASTHEAD, "bulletin.spacing.above_rules_em", "Từ tên bản tin đến đường kẻ đậm", "times"),
  f(MASTHEAD, "bulletin.spacing.under_rules_em", "Từ đường kẻ đến dòng số, kỳ", "times"),
  f(MASTHEAD, "bulletin.spacing.contents_top_em", "Trên chữ “TRONG SỐ NÀY”", "times"),
  f(MASTHEAD, "bulletin.spacing.contents_entry_space_em", "Giữa các dòng mục lục", "times"),
  f(MASTHEAD, "bulletin.spacing.title_pad_em", "Từ đường kẻ đến tên bài", "times"),
  f(MASTHEAD, "bulletin.spacing.colophon_pad_em", "Lề trong khung cuối số", "times"),
  f(MASTHEAD, "bulletin.spacing.colophon_gap_em", "Trên khung cuối số", "times"),
  f(SHOWN, "bulletin.show.contents", "In mục lục “Trong số này”", "bool"),
  f(SHOWN, "bulletin.show.colophon", "In khung thông tin cuối số (cơ quan chủ quản, ban biên tập, địa chỉ, giấy phép)", "bool"),
  f(SHOWN, "bulletin.show.page_numbers", "In số trang", "bool"),
];

/** The form for a template of `kind`, in the order shown. */
export function fieldsFor(kind: TemplateKind): FormField[] {
  if (kind === "bulletin") return [...NAMING, ...BULLETIN_FIELDS];
  return [...NAMING, ...PAGE_FIELDS, ...(kind === "report" ? REPORT_FIELDS : ARTICLE_FIELDS)];
}

/** The value at `path` ("page.margins.left_mm", "text.heading_sizes.0") in a template file's values. */
export function readValue(file: unknown, path: string): unknown {
  let v: unknown = file;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A number as Vietnamese write it: decimal comma, no trailing zeros ("12,7", "30"). */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 1000) / 1000;
  return String(rounded).replace(".", ",");
}

/** What the form's input shows for `value`. */
export function display(field: FormField, value: unknown): string | boolean {
  if (field.unit === "bool") return value === true;
  if (typeof value === "number") return formatNumber(value);
  return value === undefined || value === null ? "" : String(value);
}

export type Parsed = { value: unknown } | { error: string };

/** A form input as the template's value, or why it is not one (the range is the core's to check). */
export function parseInput(field: FormField, raw: string | boolean): Parsed {
  if (field.unit === "bool") return { value: raw === true };
  const text = String(raw).trim();
  if (field.unit === "text" || field.unit === "edge") return { value: text };
  const normal = text.replace(/\s/g, "").replace(",", ".");
  const n = /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
  if (!Number.isFinite(n)) return { error: `Hãy ghi một số${field.unit === "count" ? " nguyên, ví dụ 2" : ", ví dụ 30 hoặc 12,7"}.` };
  if (field.unit === "count" && !Number.isInteger(n)) return { error: "Hãy ghi một số nguyên, ví dụ 2." };
  return { value: n };
}

/** The (field, value) pairs where `values` differ from `file`: what the core is asked to apply. */
export function changesFrom(file: unknown, values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values).filter(([path, v]) => {
    const old = readValue(file, path);
    return typeof old === "number" && typeof v === "number" ? Math.abs(old - v) > 1e-4 : old !== v;
  });
}

export interface Paper {
  code: string;
  label: string;
  width: number;
  height: number;
}

export const PAPERS: Paper[] = [
  { code: "a4", label: "A4 (210 × 297 mm)", width: 210, height: 297 },
  { code: "a5", label: "A5 (148 × 210 mm)", width: 148, height: 210 },
  { code: "19x27", label: "19 × 27 cm (khổ tối đa của bản tin)", width: 190, height: 270 },
];

/** The named paper of this size, or "khac" (another size, typed in mm). */
export function paperOf(width: number, height: number): string {
  return PAPERS.find((p) => Math.abs(p.width - width) < 0.5 && Math.abs(p.height - height) < 0.5)?.code ?? "khac";
}

/** A name for an office's copy of `name` that no template has yet: "report/hd36-2018-xa", then "-xa-2", … */
export function copyName(name: string, taken: string[]): string {
  const base = `${name}-xa`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** The title of a copy: the original's, marked as the office's. */
export function copyTitle(title: string): string {
  return `${title} (bản của đơn vị)`;
}

/** Front matter keys that name an article's template (the core's `ARTICLE_KEYS`). */
const ARTICLE_KEYS = ["template", "mau_trinh_bay"];

/** The template an article chose in its front matter, "" for the office default. */
export function chosenTemplate(extra: Record<string, unknown>): string {
  for (const k of ARTICLE_KEYS) {
    const v = extra[k];
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  return "";
}

/** `extra` with the article's template set to `name` ("" = the office default). */
export function withTemplate(extra: Record<string, unknown>, name: string): Record<string, unknown> {
  const out = { ...extra };
  for (const k of ARTICLE_KEYS) delete out[k];
  if (name.trim()) out.template = name.trim();
  return out;
}
