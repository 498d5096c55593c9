// Cài đặt: the organisation profile (Thông tin đơn vị), the default
// author and print font, where the library is, "Sao lưu ngay" and
// "Khôi phục từ bản sao lưu".
import { api, errorMessage, type BackupEntry, type LibraryInfo } from "./api";
import { ask, toast } from "./dialogs";
import { escapeHtml, sizeLabel } from "./format";
import { openActions } from "./exporting";
import { splitFieldLabel } from "./labels";
import { showTemplates } from "./template-editor";

/** Fields shown under "Soạn thảo và in" rather than with the organisation. */
const EDITING = new Set(["tac_gia_mac_dinh", "phong_chu"]);
/** Chosen as lists under "Mẫu trình bày" (template-editor.ts), saved at once. */
const TEMPLATE_DEFAULTS = new Set(["mau_bao_cao", "mau_tin_bai", "mau_ban_tin"]);
const MULTILINE = new Set(["noi_nhan"]);

function field(key: string, label: string, value: string): string {
  const { label: text, example } = splitFieldLabel(label);
  const ph = example ? ` placeholder="${escapeHtml(example)}"` : "";
  const input = MULTILINE.has(key)
    ? `<textarea name="${key}" rows="3"${ph}>${escapeHtml(value)}</textarea>`
    : `<input name="${key}" value="${escapeHtml(value)}"${ph}>`;
  return `<label>${escapeHtml(text)}${input}</label>`;
}

async function showPrintFont(family: string) {
  const out = document.getElementById("settings-font")!;
  out.textContent = "Đang tìm phông chữ…";
  try {
    const used = await api.printFont(family);
    out.textContent =
      family.trim() && used.toLowerCase() !== family.trim().toLowerCase()
        ? `Không tìm thấy phông “${family.trim()}” đủ kiểu chữ trên máy; khi in sẽ dùng ${used}.`
        : `Khi in sẽ dùng phông ${used}.`;
  } catch (e) {
    out.textContent = errorMessage(e);
  }
}

export async function openSettings(info: LibraryInfo) {
  const d = document.getElementById("settings") as HTMLDialogElement;
  try {
    const [fields, profile] = await Promise.all([api.profileFields(), api.getProfile()]);
    const value = (k: string) => profile.fields[k] ?? "";
    document.getElementById("settings-fields")!.innerHTML = fields
      .filter((f) => !EDITING.has(f.key) && !TEMPLATE_DEFAULTS.has(f.key))
      .map((f) => field(f.key, f.label, value(f.key)))
      .join("");
    document.getElementById("settings-editing")!.innerHTML = fields
      .filter((f) => EDITING.has(f.key))
      .map((f) => field(f.key, f.label, value(f.key)))
      .join("");
    document.getElementById("settings-library")!.textContent = info.path;
    document.getElementById("settings-backup-result")!.replaceChildren();
    document.getElementById("settings-restore-result")!.replaceChildren();
    void showPrintFont(value("phong_chu"));
    void showBackups();
    void showTemplates();
    d.showModal();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

async function showBackups() {
  const list = document.getElementById("settings-backups")!;
  list.replaceChildren();
  let entries: BackupEntry[];
  try {
    entries = await api.listBackups();
  } catch (e) {
    list.textContent = errorMessage(e);
    return;
  }
  if (!entries.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = "Chưa có bản sao lưu nào. Bấm “Sao lưu ngay” để tạo bản đầu tiên.";
    list.append(li);
    return;
  }
  for (const b of entries) {
    const li = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = `${b.written} · ${sizeLabel(b.size)} · ${b.name}`;
    text.title = b.path;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Khôi phục";
    button.addEventListener("click", () => void restore(b));
    li.append(text, button);
    list.append(li);
  }
}

/** Set by `wireSettings`: save the article on screen; reload the library view. */
let hooks = { flush: async () => {}, reload: async () => {} };

async function restore(b: BackupEntry) {
  const yes = await ask(
    `Thay thư viện hiện tại bằng bản sao lưu ngày ${b.written} (${b.name})? Những gì viết sau thời điểm đó sẽ không còn trong thư viện, nhưng thư viện hiện tại vẫn được giữ lại một bản bên cạnh.`,
    "Khôi phục",
  );
  if (!yes) return;
  const d = document.getElementById("settings") as HTMLDialogElement;
  const result = document.getElementById("settings-restore-result")!;
  result.textContent = "Đang khôi phục…";
  try {
    // What is on screen goes into the library first, and so into the copy
    // of it that the restore keeps.
    await hooks.flush();
    const out = await api.restoreBackup(b.path);
    // The form holds the old library's profile: close without saving it.
    d.close("cancel");
    await hooks.reload();
    toast(
      `Đã khôi phục thư viện từ bản sao lưu ngày ${b.written} (${out.articles} bài viết). Thư viện trước đó được giữ ở: ${out.kept}`,
    );
  } catch (e) {
    result.textContent = errorMessage(e);
  }
}

/** `restoreHooks` saves the article on screen before a restore and reloads
 * the library view after it. */
export function wireSettings(restoreHooks?: typeof hooks) {
  if (restoreHooks) hooks = restoreHooks;
  const d = document.getElementById("settings") as HTMLDialogElement;
  d.addEventListener("change", (e) => {
    const t = e.target as HTMLInputElement;
    if (t.name === "phong_chu") void showPrintFont(t.value);
  });
  d.addEventListener("close", async () => {
    if (d.returnValue !== "save") return;
    try {
      for (const input of Array.from(d.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[name], textarea[name]")))
        await api.setProfileField(input.name, input.value.trim());
      toast("Đã lưu cài đặt.");
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  });
  const button = document.getElementById("btn-backup") as HTMLButtonElement;
  button.addEventListener("click", async () => {
    const result = document.getElementById("settings-backup-result")!;
    button.disabled = true;
    result.textContent = "Đang sao lưu…";
    try {
      const path = await api.backupNow();
      const line = document.createElement("span");
      line.textContent = `Đã sao lưu vào: ${path}`;
      const open = document.createElement("button");
      open.type = "button";
      open.textContent = "Mở thư mục";
      open.addEventListener("click", () => void openActions(path)[1].run());
      result.replaceChildren(line, open);
    } catch (e) {
      result.textContent = errorMessage(e);
    } finally {
      button.disabled = false;
    }
  });
}
