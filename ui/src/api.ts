// The only module that talks to Tauri. Everything else calls these
// functions, so the rest of the UI never sees `invoke` or command names.
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";

export type Kind = "tin-bai" | "bao-cao";
export type Status = "nhap" | "cho-duyet" | "da-duyet" | "da-dang";

export interface Content {
  title: string;
  summary: string;
  author: string;
  category: string;
  tags: string[];
  kind: Kind;
  status: Status;
  date: string | null;
  body: string;
  extra: Record<string, unknown>;
}

export interface Article extends Content {
  id: number;
  created_at: string;
  updated_at: string;
  revision: number;
  word_count: number;
}

export interface ArticleSummary {
  id: number;
  title: string;
  kind: Kind;
  status: Status;
  category: string;
  date: string | null;
  updated_at: string;
  revision: number;
  word_count: number;
}

/** Where a page of the library list starts: just after this line. */
export interface PageFrom {
  updated_at: string;
  id: number;
}

/** What the library list is narrowed to, in the store's page query (`ListFilter`): null narrows nothing. */
export interface ListFilter {
  status: Status | null;
  kind: Kind | null;
  /** A category as offered: the store matches it whatever its case and spacing. */
  category: string | null;
}

/** Lines of the library list per page (the store's LIST_PAGE). */
export const LIST_PAGE = 200;

export interface SearchHit {
  id: number;
  title: string;
  kind: Kind;
  status: Status;
  category: string;
  date: string | null;
  updated_at: string;
  snippet: string;
  marks: [number, number][];
  title_marks: [number, number][];
  score: number;
}

export interface RevisionInfo {
  article_id: number;
  number: number;
  created_at: string;
  reason: "import" | "create" | "save" | "autosave" | "restore" | "merge";
  restored_from: number | null;
  title: string;
  size: number;
}

/** A run of words in a comparison: kept, added or removed; paragraph breaks are "\n". */
export interface Piece {
  op: "same" | "added" | "removed";
  text: string;
}

/** A Thuộc tính field that differs, values as the editor reads them ("" = empty). */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** What changed from one state of an article to another (the core's `history::Changes`). */
export interface Changes {
  fields: FieldChange[];
  words: Piece[];
  words_added: number;
  words_removed: number;
  formatting_only: boolean;
}

/** A revision with its word count and what it changed since the one before. */
export interface RevisionSummary extends RevisionInfo {
  word_count: number;
  words_added: number;
  words_removed: number;
  first_change: Piece | null;
  fields: FieldChange[];
  formatting_only: boolean;
}

export interface Revision extends RevisionInfo {
  content: Content;
}

export interface SaveOutcome {
  revision: number;
  changed: boolean;
  /** Someone else saved since the base: both kept, a merge waits. */
  crossed: boolean;
  updated_at: string;
  /** Saves waiting on this PC for the shared library's server. */
  waiting: number;
  /** The server could not be reached: this save waits on this PC. */
  offline: boolean;
}

/** After a retry of the saves waiting on this PC. */
export interface QueueState {
  offline: boolean;
  waiting: number;
  /** [article id, its revision now] for each article some saves reached. */
  sent: [number, number][];
  /** Articles whose sent saves crossed someone else's. */
  crossed: number[];
}

/** Two crossed saves: `base` they were both made from. */
export interface PendingMerge {
  base: number;
  other: number;
}

/** A stretch of the merge: agreed text, or a conflict with both versions. */
export type MergePart = { kind: "same"; text: string } | { kind: "conflict"; ours: string; theirs: string };

/** What the editor chose for one conflict. */
export type MergePick = { keep: "ours" } | { keep: "theirs" } | { keep: "both" } | { keep: "text"; text: string };

export interface MergeProposal {
  base: Revision;
  current: Revision;
  other: Revision;
  current_by: string;
  other_by: string;
  other_person: string | null;
  content: Content;
  conflicts: number;
  parts: MergePart[];
}

/** A warning worded for the editor; `field` is the Thông tin đơn vị field that fixes it. */
export interface Warning {
  message: string;
  field: string | null;
}

export interface ExportOutcome {
  path: string;
  pages: number;
  warnings: Warning[];
}

/** What "Lưu thành…" writes. */
export type SaveKind = "pdf" | "docx";

export interface LibraryInfo {
  path: string;
  articles: number;
  export_dir: string;
  /** A new library and an empty organisation profile: ask for Thông tin đơn vị. */
  first_start: boolean;
}

export interface TrashedArticle extends ArticleSummary {
  deleted_at: string;
}

export interface StoredImage {
  sha256: string;
  name: string;
  /** The shared library's server could not be reached: the image waits on this PC (shown from there) and goes up before the save that shows it. */
  waiting: boolean;
}

export interface ProfileField {
  key: string;
  label: string;
  /** A report prints it (asked for on the first start). */
  report: boolean;
}

/** The print template's numbers for Soạn (sizes in pt, lengths in mm) and the font that prints. */
export interface PageLook {
  template: string;
  font_family: string;
  body_pt: number;
  leading: number;
  first_indent_mm: number;
  para_space_pt: number;
  heading_pt: number[];
  text_width_mm: number;
  list_indent_mm: number;
  quote_indent_mm: number;
  table_pt: number;
  caption_pt: number;
  footnote_pt: number;
}

export type PaperCode = "a4" | "a5" | "19x27";

export interface Bulletin {
  id: number;
  name: string;
  number: string;
  date: string | null;
  period: string;
  publisher: string;
  internal: boolean;
  paper: PaperCode;
  columns: number;
  licensed: boolean;
  fields: Record<string, string>;
  articles: number[];
  created_at: string;
  updated_at: string;
}

export interface BulletinSummary {
  id: number;
  name: string;
  number: string;
  date: string | null;
  period: string;
  articles: number;
  updated_at: string;
}

export interface BulletinForm {
  fields: [string, string][];
  papers: [PaperCode, string][];
}

/** Print pages as SVG documents, with what the editor should know about them. */
export interface PagePreview {
  pages: string[];
  warnings: Warning[];
}

/** How to print an issue this time: paper and columns (the issue's own by default), or the folded A5 booklet. */
export interface PrintChoices {
  paper: PaperCode;
  columns: number;
  booklet: boolean;
}

/** One step of a long export, for the progress bar. */
export interface ExportStep {
  text: string;
  fraction: number;
}

/** What every failed command gives: a stable code and a sentence. */
export interface BackupEntry {
  path: string;
  name: string;
  /** "24/11/2026 10:42", Vietnam time. */
  written: string;
  size: number;
}

export interface RestoreOutcome {
  articles: number;
  /** Where the library as it was before the restore is kept. */
  kept: string;
}

/** One finding of Kiểm tra, as the panel shows it. */
export interface CheckFinding {
  rule: string;
  severity: "loi" | "canh-bao" | "goi-y";
  /** 1-based line and column in the body; 0 when not in the body. */
  line: number;
  column: number;
  /** The exact text found (empty when something is missing). */
  text: string;
  message: string;
  /** The safe replacement for `text`, or null. */
  fix: string | null;
  /** UTF-16 offsets of `text` in the body, when it is in the body. */
  from: number | null;
  to: number | null;
  /** "title", "summary", … when the text is in a field. */
  field: string | null;
  /** The word Thêm vào từ điển adds. */
  word: string | null;
  /** Where in the app to set what is missing. */
  where_to_set: string | null;
}

/** What an export is about, for the checks before it. */
export interface CheckSubject {
  article?: number;
  bulletin?: number;
}

/** A shared library's connection: typed in Cài đặt → Thư viện chung, or read from a `.bantin-ket-noi` file. */
export interface ConnectionForm {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Empty: the one kept in the OS keyring. */
  password: string;
  /** The office's CA certificate (PEM), from the administrator's file. */
  certificate: string | null;
  unit: string | null;
  /** Keep the password in the OS keyring. */
  remember: boolean;
}

export interface SharedStatus {
  /** The app works on the shared library now. */
  shared: boolean;
  address: string;
  local_path: string;
  saved: ConnectionForm | null;
  password_saved: boolean;
  notice: string | null;
}

/** What copying one article to the shared library did. */
export interface Pushed {
  local_id: number;
  shared_id: number;
  title: string;
  sent: number;
  revisions: number;
}

export type TemplateKind = "report" | "article" | "bulletin";

/** A template in the list: shipped with Bản Tin ("shipped") or the office's ("library", with its revision). */
export interface TemplateSummary {
  name: string;
  version: number;
  title: string;
  source: string;
  kind: TemplateKind;
  confirmed: boolean;
  origin: "shipped" | "library";
  revision: number | null;
}

/** A template's file: its text (comments kept) and its values, as the form reads them. */
export interface TemplateDoc {
  summary: TemplateSummary;
  text: string;
  file: Record<string, unknown>;
}

/** The form's changes applied by the core: the new template, or the field that is wrong and why. */
export interface TemplateEdit {
  doc: TemplateDoc | null;
  field: string | null;
  message: string | null;
}

export interface ImportOutcome {
  /** The articles written, as [id, title]. */
  articles: [number, string][];
  warnings: string[];
  /** Nothing written: the text may be in this old encoding; ask, then send again with `choice` or "keep". */
  unsure?: { encoding: string; choice: string };
}

export interface ApiError {
  code: string;
  message: string;
}

export function errorCode(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) return String((e as ApiError).code);
  return "";
}

export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as ApiError).message);
  return String(e);
}

export const api = {
  libraryInfo: () => invoke<LibraryInfo>("library_info"),
  /** A page of the list, most recently changed first, after `from` (from the top without it). */
  listArticles: (from: PageFrom | null = null, limit = LIST_PAGE, filter: ListFilter | null = null) =>
    invoke<ArticleSummary[]>("list_articles", { from, limit, filter }),
  /** The categories in use, each spelling once (the list's category filter groups them). */
  listCategories: () => invoke<string[]>("list_categories"),
  search: (query: string, limit = 50) => invoke<SearchHit[]>("search_articles", { query, limit }),
  getArticle: (id: number) => invoke<Article>("get_article", { id }),
  createArticle: () => invoke<Article>("create_article"),
  saveArticle: (id: number, base: number, content: Content, autosave: boolean) =>
    invoke<SaveOutcome>("save_article", { id, base, content, autosave }),
  mergeProposal: (id: number) => invoke<MergeProposal | null>("merge_proposal", { id }),
  saveMerge: (id: number, crossing: PendingMerge, current: number, picks: MergePick[]) =>
    invoke<SaveOutcome>("save_merge", { id, crossing, current, picks }),
  /** Marks the article open by this program (again) and says who else has it open. */
  articleOpened: (id: number) => invoke<string[]>("article_opened", { id }),
  articleClosed: (id: number) => invoke<void>("article_closed", { id }),
  sendWaiting: () => invoke<QueueState>("send_waiting"),
  renderPreview: (markdown: string) => invoke<string>("render_preview", { markdown }),
  history: (id: number) => invoke<RevisionInfo[]>("article_history", { id }),
  revision: (id: number, number: number) => invoke<Revision>("get_revision", { id, number }),
  historySummaries: (id: number) => invoke<RevisionSummary[]>("history_summaries", { id }),
  /** What changed from revision `number` to the article now (a restore undoes exactly this). */
  revisionChanges: (id: number, number: number) => invoke<Changes>("revision_changes", { id, number }),
  restore: (id: number, number: number) => invoke<Article>("restore_revision", { id, number }),
  exportPdf: (id: number, template?: string) => invoke<ExportOutcome>("export_pdf", { id, template }),
  exportDocx: (id: number) => invoke<ExportOutcome>("export_docx", { id }),
  /** The system's print dialog on the print sheets, on `paper` (points) without margins. */
  printWindow: (paper: { width: number; height: number }) => invoke<"printed" | "cancelled" | "closed">("print_window", { paper }),
  /** "Lưu thành…": the system's save dialog opens (in `folder` if it exists); null when cancelled. */
  saveArticleAs: (id: number, kind: SaveKind, folder: string | null) => invoke<ExportOutcome | null>("save_article_as", { id, kind, folder }),
  /** The article's print pages as SVG documents, laid out from `content`. */
  previewPages: (id: number, content: Content) => invoke<PagePreview>("preview_pages", { id, content }),
  /** How Soạn draws an article of `kind`: its print template's numbers. */
  pageLook: (id: number, kind: Kind) => invoke<PageLook>("page_look", { id, kind }),
  exportBundle: (id: number) => invoke<ExportOutcome>("export_bundle", { id }),
  getProfile: () => invoke<{ fields: Record<string, string> }>("get_profile"),
  setProfileField: (key: string, value: string) => invoke<void>("set_profile_field", { key, value }),
  profileFields: () => invoke<ProfileField[]>("profile_fields"),
  printFont: (family: string) => invoke<string>("print_font", { family }),
  backupNow: () => invoke<string>("backup_now"),
  listBackups: () => invoke<BackupEntry[]>("list_backups"),
  restoreBackup: (path: string) => invoke<RestoreOutcome>("restore_backup", { path }),
  /** Opens an exported file, or (`folder`) shows it in its folder. */
  openExported: (path: string, folder: boolean) => invoke<void>("open_exported", { path, folder }),
  trashArticle: (id: number, leaveBulletins: boolean) => invoke<void>("trash_article", { id, leaveBulletins }),
  listTrash: () => invoke<TrashedArticle[]>("list_trash"),
  restoreFromTrash: (id: number) => invoke<Article>("restore_from_trash", { id }),
  duplicateArticle: (id: number) => invoke<Article>("duplicate_article", { id }),
  /** Stores an image in the library; the bytes travel as the raw request body. */
  putImage: async (file: Blob, name: string) =>
    invoke<StoredImage>("put_image", new Uint8Array(await file.arrayBuffer()), {
      headers: { "x-file-name": encodeURIComponent(name) },
    }),
  /** Brings a Word, Markdown or text file into the library; `legacy` answers an earlier `unsure`. */
  importFile: async (file: Blob, name: string, legacy = "detect") =>
    invoke<ImportOutcome>("import_file", new Uint8Array(await file.arrayBuffer()), {
      headers: { "x-file-name": encodeURIComponent(name), "x-legacy": legacy },
    }),
  /** Text pasted in an old TCVN3/VNI font, converted run by run by the font its HTML names. */
  convertLegacyRuns: (runs: { font: string; text: string }[]) => invoke<string[]>("convert_legacy_runs", { runs }),
  bulletinForm: () => invoke<BulletinForm>("bulletin_form"),
  listBulletins: () => invoke<BulletinSummary[]>("list_bulletins"),
  getBulletin: (id: number) => invoke<Bulletin>("get_bulletin", { id }),
  createBulletin: (name: string, number: string, date: string | null) =>
    invoke<Bulletin>("create_bulletin", { name, number, date }),
  updateBulletin: (bulletin: Bulletin) => invoke<Bulletin>("update_bulletin", { bulletin }),
  addToBulletin: (id: number, articles: number[]) => invoke<Bulletin>("add_to_bulletin", { id, articles }),
  removeFromBulletin: (id: number, article: number) => invoke<Bulletin>("remove_from_bulletin", { id, article }),
  moveInBulletin: (id: number, article: number, to: number) => invoke<Bulletin>("move_in_bulletin", { id, article, to }),
  deleteBulletin: (id: number) => invoke<void>("delete_bulletin", { id }),
  exportBulletinPdf: (id: number, choices: PrintChoices, onStep: (s: ExportStep) => void) => {
    const onProgress = new Channel<ExportStep>();
    onProgress.onmessage = onStep;
    return invoke<ExportOutcome>("export_bulletin_pdf", { id, choices, onProgress });
  },
  /** "Lưu thành…" for an issue: the system's save dialog, then its PDF there; null when cancelled. */
  saveBulletinAs: (id: number, choices: PrintChoices, folder: string | null, onStep: (s: ExportStep) => void) => {
    const onProgress = new Channel<ExportStep>();
    onProgress.onmessage = onStep;
    return invoke<ExportOutcome | null>("save_bulletin_as", { id, choices, folder, onProgress });
  },
  /** The print pages as SVG, laid out as `choices` would print them. */
  previewBulletinPages: (id: number, choices: PrintChoices) => invoke<PagePreview>("preview_bulletin_pages", { id, choices }),
  cancelExport: () => invoke<void>("cancel_export"),
  /** Kiểm tra on the article as typed now. */
  checkText: (id: number | null, content: Content) => invoke<CheckFinding[]>("check_text", { id, content }),
  /** Thêm vào từ điển; false when the word was there already. */
  addWord: (word: string) => invoke<boolean>("add_word", { word }),
  /** The lỗi on a saved report or an issue, before exporting it. */
  errorsBeforeExport: (s: CheckSubject) => invoke<CheckFinding[]>("errors_before_export", { article: s.article ?? null, bulletin: s.bulletin ?? null }),
  /** "Vẫn xuất": keeps the choice with the revision (or the issue). */
  exportAnyway: (s: CheckSubject, what: string) => invoke<number>("export_anyway", { article: s.article ?? null, bulletin: s.bulletin ?? null, what }),
  listTemplates: () => invoke<TemplateSummary[]>("list_templates"),
  getTemplate: (name: string) => invoke<TemplateDoc>("get_template", { name }),
  /** `text` with the form's changes (field path, value), checked by the core. */
  editTemplate: (text: string, changes: [string, unknown][]) => invoke<TemplateEdit>("edit_template", { text, changes }),
  /** Stores a checked template text as the next revision of its name. */
  saveTemplate: (text: string) => invoke<TemplateSummary>("save_template", { text }),
  /** The open article (unsaved typing included) set with the template `text`. */
  previewWithTemplate: (id: number, content: Content, text: string) =>
    invoke<PagePreview>("preview_with_template", { id, content, text }),
  /** Runs `flush` before the window closes, so nothing typed is ever lost. */
  onClose: (flush: () => Promise<void>) =>
    getCurrentWindow().onCloseRequested(async () => {
      await flush();
    }),
  setWindowTitle: (title: string) => getCurrentWindow().setTitle(title),
  sharedStatus: () => invoke<SharedStatus>("shared_status"),
  readConnectionFile: (text: string) => invoke<ConnectionForm>("read_connection_file", { text }),
  testConnection: (form: ConnectionForm) => invoke<string>("test_connection", { form }),
  useShared: (form: ConnectionForm) => invoke<SharedStatus>("use_shared", { form }),
  resumeShared: () => invoke<SharedStatus>("resume_shared"),
  useLocal: () => invoke<SharedStatus>("use_local"),
  localArticles: () => invoke<ArticleSummary[]>("local_articles"),
  pushToShared: (ids: number[]) => invoke<Pushed[]>("push_to_shared", { ids }),
};
