// Bringing files into the library from the app: "Nhập tệp Word" in the
// library, and Word (.docx), Markdown or text files dropped anywhere on the
// window outside the article text (where a dropped photo goes into the
// article). The core reads and checks each file; this module only hands the
// bytes over, asks when the core is unsure whether a text is in an old
// TCVN3/VNI encoding, and opens what came in.
import { api, errorMessage, type ImportOutcome } from "./api";
import { ask, toast } from "./dialogs";
import { $ } from "./dom";

/** Files the library takes: Word (old .doc too, to say how to save it as .docx), Markdown, text. */
export function isImportable(name: string): boolean {
  return /\.(docx|doc|docm|dotx|md|markdown|txt)$/i.test(name);
}

/** What to say once files came in: how many, and every warning the core gave. */
export function importSummary(titles: string[], warnings: string[]): string {
  const head =
    titles.length === 1 ? `Đã nhập bài "${titles[0]}".` : `Đã nhập ${titles.length} bài: ${titles.map((t) => `"${t}"`).join(", ")}.`;
  return [head, ...warnings].join("\n");
}

export interface ImportDeps {
  /** Lists the library again. */
  refresh: () => Promise<void>;
  /** Opens an article. */
  open: (id: number) => Promise<void>;
}

/** One file: when the core is unsure about an old encoding, the editor decides and it is sent again. */
async function importOne(file: File): Promise<ImportOutcome> {
  const first = await api.importFile(file, file.name);
  if (!first.unsure) return first;
  const convert = await ask(
    `Tệp "${file.name}" có vẻ được gõ bằng bảng mã cũ ${first.unsure.encoding} (chữ kiểu "T¨ng c­êng"). ` +
      "Chuyển sang chữ Unicode khi nhập?",
    "Chuyển sang Unicode",
    "Giữ nguyên",
  );
  return api.importFile(file, file.name, convert ? first.unsure.choice : "keep");
}

/** Imports the files one by one, then lists the library and opens the last article that came in. */
export async function importFiles(files: File[], deps: ImportDeps) {
  const titles: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  let last: number | undefined;
  toast(files.length === 1 ? `Đang nhập "${files[0].name}"…` : `Đang nhập ${files.length} tệp…`);
  for (const file of files) {
    try {
      const done = await importOne(file);
      for (const [id, title] of done.articles) {
        titles.push(title);
        last = id;
      }
      warnings.push(...done.warnings);
    } catch (e) {
      errors.push(errorMessage(e));
    }
  }
  if (titles.length) {
    await deps.refresh();
    if (last !== undefined) await deps.open(last);
  }
  if (errors.length) toast([...errors, ...(titles.length ? [importSummary(titles, warnings)] : [])].join("\n\n"), "error");
  else if (titles.length) toast(importSummary(titles, warnings));
}

/** The library's button, and files dropped on the window outside the article text. */
export function wireImporting(deps: ImportDeps) {
  const input = $("import-file") as HTMLInputElement;
  $("btn-import").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length) void importFiles(files, deps);
  });
  const inArticle = (e: Event) => (e.target as Element | null)?.closest?.(".editor-area") != null;
  const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
  document.addEventListener("dragover", (e) => {
    if (!carriesFiles(e) || inArticle(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    $("library").classList.add("drop-target");
  });
  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) $("library").classList.remove("drop-target");
  });
  // Capture: a Word file dropped on the article text is imported too, never
  // taken by the editor as a broken image.
  document.addEventListener(
    "drop",
    (e) => {
      $("library").classList.remove("drop-target");
      const files = Array.from(e.dataTransfer?.files ?? []);
      const docs = files.filter((f) => isImportable(f.name));
      if (docs.length) {
        e.preventDefault();
        e.stopPropagation();
        void importFiles(docs, deps);
      } else if (files.length && !inArticle(e)) {
        e.preventDefault();
        toast("Thả tệp Word (.docx), Markdown (.md) hoặc văn bản (.txt) vào đây để nhập. Ảnh hãy thả vào nội dung bài.", "error");
      }
    },
    true,
  );
}
