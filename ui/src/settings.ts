// Cài đặt: the organisation profile (Thông tin đơn vị), the default
// author and print font, where the library is, "Sao lưu ngay" and
// "Khôi phục từ bản sao lưu". The profile saves as one types
// (profile-form.ts): Esc or Đóng never throws typed fields away.
import { api, errorMessage, type BackupEntry, type LibraryInfo, type Warning } from "./api";
import { ask, toast, type Action } from "./dialogs";
import { sizeLabel } from "./format";
import { openActions } from "./exporting";
import { focusField, profileFieldHtml, saveAsTyped, type ProfileSaver } from "./profile-form";
import { showTemplates } from "./template-editor";

/** Fields shown under "Soạn thảo và in" rather than with the organisation. */
const EDITING = new Set(["tac_gia_mac_dinh", "phong_chu"]);
/** Chosen as lists under "Mẫu trình bày" (template-editor.ts), saved at once. */
const TEMPLATE_DEFAULTS = new Set(["mau_bao_cao", "mau_tin_bai", "mau_ban_tin"]);

const field = (key: string, label: string, value: string) => profileFieldHtml("settings", key, label, value);

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

/** Opens Cài đặt; with `focus`, on that Thông tin đơn vị field. */
export async function openSettings(info: LibraryInfo, focus?: string) {
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
    document.getElementById("settings-save-state")!.textContent = "";
    void showTemplates();
    d.showModal();
    if (focus) focusField(d, focus);
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

/** Set by `wireSettings`: save the article on screen; reload the library view; the open library. */
let hooks = { flush: async () => {}, reload: async () => {}, library: (): LibraryInfo | null => null };
let profile: ProfileSaver | undefined;

/** "Mở Cài đặt" for the first warning that a Thông tin đơn vị field fixes (none if no warning does). */
export function fixActions(warnings: Warning[]): Action[] {
  const key = warnings.find((w) => w.field)?.field;
  return key ? [{ label: "Mở Cài đặt", run: () => openSettingsAt(key) }] : [];
}

/** Opens Cài đặt on the Thông tin đơn vị field `key` (from a warning). */
export function openSettingsAt(key: string) {
  const info = hooks.library();
  if (info) void openSettings(info, key);
}

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
    await profile?.flush();
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
 * the library view after it; `library` gives the open library (for
 * opening Cài đặt from a warning). */
export function wireSettings(restoreHooks?: typeof hooks) {
  if (restoreHooks) hooks = restoreHooks;
  const d = document.getElementById("settings") as HTMLDialogElement;
  d.addEventListener("change", (e) => {
    const t = e.target as HTMLInputElement;
    if (t.name === "phong_chu") void showPrintFont(t.value);
  });
  const saveState = document.getElementById("settings-save-state")!;
  const saver = saveAsTyped(d, (text, error) => {
    saveState.textContent = text;
    saveState.classList.toggle("error", !!error);
  });
  profile = saver;
  // However it closes (Lưu, Đóng, Esc), what was typed is stored.
  d.addEventListener("close", async () => {
    await saver.flush();
    if (saver.pending()) toast(`Chưa lưu được cài đặt: ${saveState.textContent}`, "error");
    else if (d.returnValue === "save") toast("Đã lưu cài đặt.");
    // For what shows the profile (the surface's font, the print pages): it is stored now.
    d.dispatchEvent(new Event("saved"));
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
