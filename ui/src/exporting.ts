// Exports as the editor sees them: a progress bar with what is happening
// and a Hủy button for long work, then "Đã xuất: …" with Mở tệp and
// Mở thư mục.
import { api, errorCode, errorMessage, type ExportOutcome, type ExportStep } from "./api";
import { toast, type Action } from "./dialogs";
import { fixActions } from "./settings";

/** "Mở tệp" and "Mở thư mục" for something just written. */
export function openActions(path: string): Action[] {
  const open = (folder: boolean) => async () => {
    try {
      await api.openExported(path, folder);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  };
  return [
    { label: "Mở tệp", run: open(false) },
    { label: "Mở thư mục", run: open(true) },
  ];
}

/** Says what was written, with its warnings, and offers to open it (and Cài đặt when a warning names an empty field). */
export function announce(what: string, out: ExportOutcome) {
  const pages = out.pages ? ` (${out.pages} trang)` : "";
  const warn = out.warnings.length ? ` Lưu ý: ${out.warnings.map((w) => w.message).join(" ")}` : "";
  toast(`${what}: ${out.path}${pages}.${warn}`, "ok", [...openActions(out.path), ...fixActions(out.warnings)]);
}

/**
 * Runs a long export behind a modal progress dialog. Hủy asks the core to
 * stop; a cancelled export writes nothing and says so. `afterFirstStep`:
 * the dialog opens with the export's first step, not before (Lưu thành…
 * asks where in the system's dialog first, and may be cancelled there).
 */
export async function withProgress<T extends ExportOutcome | null>(
  title: string,
  run: (onStep: (s: ExportStep) => void) => Promise<T>,
  afterFirstStep = false,
): Promise<T | null> {
  const d = document.getElementById("progress") as HTMLDialogElement;
  const bar = document.getElementById("progress-bar") as HTMLProgressElement;
  const text = document.getElementById("progress-text")!;
  const cancel = document.getElementById("progress-cancel") as HTMLButtonElement;
  document.getElementById("progress-title")!.textContent = title;
  text.textContent = "Đang chuẩn bị…";
  bar.removeAttribute("value");
  cancel.disabled = false;
  cancel.onclick = () => {
    cancel.disabled = true;
    text.textContent = "Đang hủy…";
    void api.cancelExport();
  };
  // Escape must not hide the dialog while the work goes on.
  d.oncancel = (e) => e.preventDefault();
  if (!afterFirstStep) d.showModal();
  // A step that arrives after the work has ended must not open the dialog again.
  let ended = false;
  try {
    return await run((s) => {
      if (ended) return;
      if (!d.open) d.showModal();
      if (cancel.disabled) return;
      bar.value = s.fraction;
      text.textContent = s.text;
    });
  } catch (e) {
    if (errorCode(e) === "cancelled") toast("Đã hủy xuất; không có tệp nào được ghi.");
    else toast(errorMessage(e), "error");
    return null;
  } finally {
    ended = true;
    d.close();
  }
}
