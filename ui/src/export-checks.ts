// Before a report or a bulletin is exported, the checks run on what is
// saved; when they find lỗi, the editor sees them and chooses: Quay lại sửa,
// or Vẫn xuất, which the library keeps beside the revision (or the issue).
import { api, errorMessage, type CheckSubject } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { escapeHtml } from "./format";

/** True when the export may go on: no lỗi, or the editor chose Vẫn xuất (recorded). */
export async function passChecks(subject: CheckSubject, what: string): Promise<boolean> {
  let errors;
  try {
    errors = await api.errorsBeforeExport(subject);
  } catch (e) {
    // A check that cannot run never stops the paper.
    toast(`Chưa kiểm tra được trước khi xuất: ${errorMessage(e)}`, "error");
    return true;
  }
  if (!errors.length) return true;
  const d = $<HTMLDialogElement>("export-checks");
  $("export-checks-text").textContent = `Bản Tin tìm thấy ${errors.length} lỗi sẽ hiện trên bản in. Hãy sửa trước khi xuất, hoặc chọn Vẫn xuất nếu đã biết và chấp nhận.`;
  $("export-checks-list").innerHTML = errors
    .map(
      (f) => `<li class="finding sev-loi"><div class="finding-head"><span class="sev">lỗi</span>${f.text.trim() ? ` <q>${escapeHtml(f.text)}</q>` : ""}</div>
<p>${escapeHtml(f.message)}</p>${f.where_to_set ? `<p class="where-to-set">${escapeHtml(f.where_to_set)}</p>` : ""}</li>`,
    )
    .join("");
  d.returnValue = "";
  d.showModal();
  // The safe answer has the focus.
  $<HTMLButtonElement>("export-checks-back").focus();
  const go = await new Promise<boolean>((resolve) => d.addEventListener("close", () => resolve(d.returnValue === "go"), { once: true }));
  if (!go) return false;
  try {
    await api.exportAnyway(subject, what);
  } catch (e) {
    // The choice could not be kept (the shared library unreachable): said, and the paper still goes out.
    toast(errorMessage(e), "error");
  }
  return true;
}
