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

export interface SearchHit {
  id: number;
  title: string;
  kind: Kind;
  status: Status;
  snippet: string;
  marks: [number, number][];
  title_marks: [number, number][];
  score: number;
}

export interface RevisionInfo {
  article_id: number;
  number: number;
  created_at: string;
  reason: "import" | "create" | "save" | "autosave" | "restore";
  restored_from: number | null;
  title: string;
  size: number;
}

export interface Revision extends RevisionInfo {
  content: Content;
}

export interface SaveOutcome {
  revision: number;
  changed: boolean;
  updated_at: string;
}

export interface ExportOutcome {
  path: string;
  pages: number;
  warnings: string[];
}

/** What "Lưu thành…" writes. */
export type SaveKind = "pdf" | "docx";

export interface LibraryInfo {
  path: string;
  articles: number;
  export_dir: string;
}

export interface TrashedArticle extends ArticleSummary {
  deleted_at: string;
}

export interface StoredImage {
  sha256: string;
  name: string;
}

export interface ProfileField {
  key: string;
  label: string;
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
  warnings: string[];
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
  listArticles: () => invoke<ArticleSummary[]>("list_articles"),
  search: (query: string, limit = 50) => invoke<SearchHit[]>("search_articles", { query, limit }),
  getArticle: (id: number) => invoke<Article>("get_article", { id }),
  createArticle: () => invoke<Article>("create_article"),
  saveArticle: (id: number, content: Content, autosave: boolean) =>
    invoke<SaveOutcome>("save_article", { id, content, autosave }),
  renderPreview: (markdown: string) => invoke<string>("render_preview", { markdown }),
  history: (id: number) => invoke<RevisionInfo[]>("article_history", { id }),
  revision: (id: number, number: number) => invoke<Revision>("get_revision", { id, number }),
  restore: (id: number, number: number) => invoke<Article>("restore_revision", { id, number }),
  exportPdf: (id: number, template?: string) => invoke<ExportOutcome>("export_pdf", { id, template }),
  exportDocx: (id: number) => invoke<ExportOutcome>("export_docx", { id }),
  /** The system's print dialog on the page as it prints (the print sheets). */
  printWindow: () => invoke<void>("print_window"),
  /** "Lưu thành…": the system's save dialog opens (in `folder` if it exists); null when cancelled. */
  saveArticleAs: (id: number, kind: SaveKind, folder: string | null) => invoke<ExportOutcome | null>("save_article_as", { id, kind, folder }),
  /** The article's print pages as SVG documents, laid out from `content`. */
  previewPages: (id: number, content: Content) => invoke<PagePreview>("preview_pages", { id, content }),
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
  /** The print pages as SVG, laid out as `choices` would print them. */
  previewBulletinPages: (id: number, choices: PrintChoices) => invoke<PagePreview>("preview_bulletin_pages", { id, choices }),
  cancelExport: () => invoke<void>("cancel_export"),
  /** Runs `flush` before the window closes, so nothing typed is ever lost. */
  onClose: (flush: () => Promise<void>) =>
    getCurrentWindow().onCloseRequested(async () => {
      await flush();
    }),
  setWindowTitle: (title: string) => getCurrentWindow().setTitle(title),
};
