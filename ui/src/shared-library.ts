// Cài đặt → Thư viện chung: connect to the office's shared library (typed
// in, or from the administrator's .bantin-ket-noi file), Kiểm tra kết nối,
// switch to it and back (also from the status bar), and Chuyển bài lên thư
// viện chung. Its own section and dialogs, so the rest of Cài đặt is not
// touched.
import { api, errorCode, errorMessage, type ConnectionForm, type SharedStatus } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { checkForm, libraryLabel, pushSummary } from "./shared-words";

interface Hooks {
  /** Saves the article on screen (before the library changes). */
  flush: () => Promise<void>;
  /** Shows the library open now (list, first article, status bar). */
  reload: () => Promise<void>;
}

let hooks: Hooks = { flush: async () => {}, reload: async () => {} };
let current: SharedStatus | null = null;
/** The certificate and unit of the file opened last (the form has no field for them). */
let fromFile: Pick<ConnectionForm, "certificate" | "unit"> = { certificate: null, unit: null };

const input = (id: string) => $<HTMLInputElement>(id);

function show(s: SharedStatus) {
  current = s;
  const label = libraryLabel(s);
  $("status-library").textContent = label.text;
  $("status-library").title = label.title;
  $("status-switch").textContent = label.button;
  $("shared-now").textContent = s.shared
    ? `Đang dùng thư viện chung ${s.address}.`
    : `Đang dùng thư viện trong máy (${s.local_path}).`;
  $<HTMLButtonElement>("btn-shared-push").disabled = !s.shared;
  $<HTMLButtonElement>("btn-shared-local").hidden = !s.shared;
}

function fill(f: ConnectionForm) {
  input("shared-host").value = f.host;
  input("shared-port").value = String(f.port);
  input("shared-database").value = f.database;
  input("shared-user").value = f.user;
  input("shared-password").value = f.password;
  fromFile = { certificate: f.certificate, unit: f.unit };
  $("shared-cert").textContent = f.certificate
    ? "Chứng chỉ máy chủ: có (từ tệp kết nối) — kết nối sẽ được mã hóa và kiểm tra."
    : "Chứng chỉ máy chủ: chưa có. Máy chủ ở máy khác cần tệp kết nối có chứng chỉ do quản trị gửi.";
  $("shared-unit").textContent = f.unit ? `Đơn vị: ${f.unit}` : "";
}

/** The form as typed, or a sentence saying what is missing. */
function form(): ConnectionForm | string {
  const [host, port, database, user] = ["host", "port", "database", "user"].map((k) => input(`shared-${k}`).value);
  const missing = checkForm(host, port, database, user);
  if (missing) return missing;
  return {
    host: host.trim(),
    port: Number(port.trim() || "5432"),
    database: database.trim(),
    user: user.trim(),
    password: input("shared-password").value,
    remember: input("shared-remember").checked,
    ...fromFile,
  };
}

function say(text: string, kind: "ok" | "error" | "busy") {
  const out = $("shared-result");
  out.textContent = text;
  out.className = `backup-result ${kind}`;
}

export function openSharedDialog() {
  const s = current;
  if (s?.saved) fill({ ...s.saved, password: "" });
  $<HTMLInputElement>("shared-password").placeholder = s?.password_saved ? "đã lưu trên máy này" : "";
  say("", "ok");
  $<HTMLDialogElement>("shared-dialog").showModal();
  input("shared-host").focus();
}

async function test() {
  const f = form();
  if (typeof f === "string") return say(f, "error");
  say("Đang kiểm tra kết nối…", "busy");
  try {
    say(await api.testConnection(f), "ok");
  } catch (e) {
    say(errorMessage(e), "error");
  }
}

async function connect(f: ConnectionForm): Promise<boolean> {
  await hooks.flush();
  const s = await api.useShared(f);
  show(s);
  await hooks.reload();
  const note = s.notice ? ` ${s.notice}` : "";
  toast(`Đang làm việc trên thư viện chung ${s.address}. Thư viện trong máy: bấm “Về thư viện trong máy” ở thanh dưới cùng.${note}`, s.notice ? "error" : "ok");
  return true;
}

async function useShared() {
  const f = form();
  if (typeof f === "string") return say(f, "error");
  say("Đang kết nối…", "busy");
  try {
    await connect(f);
    $<HTMLDialogElement>("shared-dialog").close();
  } catch (e) {
    say(errorMessage(e), "error");
  }
}

async function useLocal() {
  try {
    await hooks.flush();
    show(await api.useLocal());
    await hooks.reload();
    toast("Đang làm việc trên thư viện trong máy.");
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

/** The status bar's switch: back to this PC, or to the shared library (asking only what it must). */
async function switchLibrary() {
  const s = current;
  if (s?.shared) return useLocal();
  if (!s?.saved || !s.password_saved) return openSharedDialog();
  try {
    await connect({ ...s.saved, password: "", remember: true });
  } catch (e) {
    if (errorCode(e) === "password_needed") return openSharedDialog();
    toast(errorMessage(e), "error");
  }
}

async function openFile(file: File) {
  try {
    if (file.size > 256 * 1024) throw { message: "Tệp này quá lớn, không phải tệp kết nối .bantin-ket-noi." };
    fill(await api.readConnectionFile(await file.text()));
    say(`Đã đọc tệp kết nối “${file.name}”. Máy chủ: ${input("shared-host").value}. Hãy nhập mật khẩu rồi bấm Kiểm tra kết nối.`, "ok");
    input("shared-password").focus();
  } catch (e) {
    say(errorMessage(e), "error");
  }
}

async function openPush() {
  const list = $("push-list");
  list.replaceChildren();
  $("push-result").textContent = "";
  $<HTMLDialogElement>("push-dialog").showModal();
  try {
    for (const a of await api.localArticles()) {
      const li = document.createElement("li");
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = String(a.id);
      label.append(box, ` ${a.title}`);
      li.append(label);
      list.append(li);
    }
  } catch (e) {
    $("push-result").textContent = errorMessage(e);
  }
}

async function push() {
  const ids = Array.from($("push-list").querySelectorAll<HTMLInputElement>("input:checked")).map((b) => Number(b.value));
  const out = $("push-result");
  if (!ids.length) return void (out.textContent = "Hãy đánh dấu các bài muốn chuyển.");
  out.textContent = "Đang chuyển…";
  try {
    out.textContent = pushSummary(await api.pushToShared(ids));
    await hooks.reload();
  } catch (e) {
    out.textContent = errorMessage(e);
  }
}

/** Wires the section, the dialogs and the status bar switch; then, if the
 * editor left the app on the shared library, goes back to it. */
export async function wireSharedLibrary(h: Hooks) {
  hooks = h;
  $("status-switch").addEventListener("click", () => void switchLibrary());
  $("btn-shared-open").addEventListener("click", () => openSharedDialog());
  $("btn-shared-local").addEventListener("click", () => void useLocal());
  $("btn-shared-push").addEventListener("click", () => void openPush());
  $("btn-shared-test").addEventListener("click", () => void test());
  $("btn-shared-use").addEventListener("click", () => void useShared());
  $("btn-shared-file").addEventListener("click", () => input("shared-file").click());
  input("shared-file").addEventListener("change", () => {
    const f = input("shared-file").files?.[0];
    input("shared-file").value = "";
    if (f) void openFile(f);
  });
  // Enter in the form connects (the form's first button is Hủy).
  $("shared-dialog").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
      e.preventDefault();
      void useShared();
    }
  });
  $("btn-push").addEventListener("click", () => void push());
  $("btn-push-all").addEventListener("click", () =>
    $("push-list").querySelectorAll<HTMLInputElement>("input").forEach((b) => (b.checked = true)),
  );
  try {
    show(await api.sharedStatus());
    const s = await api.resumeShared();
    show(s);
    if (s.shared) await hooks.reload();
    if (s.notice) toast(s.notice, "error");
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}
