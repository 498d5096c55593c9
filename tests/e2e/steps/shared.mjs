// Thư viện chung (issue 14): the administrator prepares a shared library on
// the test PostgreSQL (BANTIN_TEST_PG, which scripts/test.sh starts) with
// the `bantin` CLI and sends the editor a .bantin-ket-noi file; the editor
// opens it in Cài đặt → Thư viện chung, gets a wrong password explained,
// connects, writes an article there, brings a local article up with its
// history, and goes back to the library on this PC in one click.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { app, browser } from "../lib/session.mjs";
import { $, plainScreen, shot, until, waitText, text } from "../lib/ui.mjs";
import { freshArticle } from "../lib/library.mjs";
import { togetherSteps } from "./together.mjs";
import { offlineSteps } from "./offline.mjs";

const LOCAL_TITLE = "Bài trong máy về dân vận khéo";
const SHARED_TITLE = "Bài viết trên thư viện chung";
const PASSWORD = "mat-khau-e2e";

/** The cluster's superuser address; the step needs it (scripts/test.sh exports it). */
function cluster() {
  const url = process.env.BANTIN_TEST_PG;
  if (!url) throw new Error("BANTIN_TEST_PG is not set: run through scripts/test.sh, or export BANTIN_TEST_PG=$(bash scripts/pg.sh start)");
  return new URL(url);
}

/** psql on PATH, else the newest PostgreSQL's own. */
function psql() {
  const dirs = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse() : [];
  const own = dirs.map((v) => `/usr/lib/postgresql/${v}/bin/psql`).find(existsSync);
  return own ?? "psql";
}

/** What the office's IT person does: a database, `bantin server init`, a unit, an account and its connection file. */
function prepareServer(work) {
  const c = cluster();
  const db = `bt_e2e_${process.pid}`;
  const login = `${db}_lan`;
  execFileSync(psql(), [c.toString(), "-qc", `DROP DATABASE IF EXISTS ${db}`]);
  execFileSync(psql(), [c.toString(), "-qc", `CREATE DATABASE ${db}`]);
  const admin = `postgresql://${c.username}@${c.hostname}:${c.port}/${db}`;
  const bantin = join(dirname(app), "bantin");
  const env = { ...process.env, BANTIN_LIBRARY: admin, PGPASSWORD: decodeURIComponent(c.password) };
  execFileSync(bantin, ["server", "init"], { env });
  execFileSync(bantin, ["server", "unit", "add", "xa-xuan-hong", "--ten", "Xã Xuân Hồng"], { env });
  const file = join(work, "lan.bantin-ket-noi");
  execFileSync(bantin, ["server", "user", "add", login, "--role", "bien-tap", "--don-vi", "xa-xuan-hong", "--password-stdin", "--ket-noi", file], { env, input: `${PASSWORD}\n` });
  const address = `postgresql://${login}@${c.hostname}:${c.port}/${db}`;
  const list = () => execFileSync(bantin, ["list"], { env: { ...env, BANTIN_LIBRARY: address, PGPASSWORD: PASSWORD } }).toString();
  // A colleague in the same unit, with a full name, working from the CLI.
  const minh = `${db}_minh`;
  execFileSync(bantin, ["server", "user", "add", minh, "--role", "bien-tap", "--don-vi", "xa-xuan-hong", "--password-stdin", "--ho-ten", "Trần Văn Minh"], { env, input: `${PASSWORD}\n` });
  const minhEnv = { ...env, BANTIN_LIBRARY: `postgresql://${minh}@${c.hostname}:${c.port}/${db}`, PGPASSWORD: PASSWORD };
  const colleague = (args) => execFileSync(bantin, args, { env: minhEnv }).toString();
  return { file, login, list, colleague };
}

/** Opens the file as the editor would pick it in "Mở tệp kết nối…". */
async function pickFile(name, content) {
  await browser().execute(
    (name, content) => {
      const input = document.getElementById("shared-file");
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: "" }));
      input.files = dt.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    name,
    content,
  );
}

async function typeInto(sel, value) {
  const field = await $(sel);
  await field.clearValue();
  await field.setValue(value);
}

export function sharedSteps() {
  test("Thư viện chung: connect from the administrator's file, write there, bring a local article up, and back to this PC", async () => {
    const work = dirname(process.env.BANTIN_EXPORT_DIR ?? app);
    const server = prepareServer(work);
    await freshArticle({ title: LOCAL_TITLE, body: "Chi bộ vận động nhân dân làm đường." });
    await plainScreen();

    // Cài đặt → Thư viện chung → Kết nối thư viện chung… → Mở tệp kết nối.
    await (await $("#btn-settings")).click();
    await waitText("#shared-now", (t) => t.startsWith("Đang dùng thư viện trong máy"), "Cài đặt says the library on this PC is in use");
    await (await $("#btn-shared-open")).click();
    await pickFile("lan.bantin-ket-noi", readFileSync(server.file, "utf8"));
    await waitText("#shared-result", (t) => t.startsWith("Đã đọc tệp kết nối"), "the file is read");
    assert.equal(await (await $("#shared-user")).getValue(), server.login, "the account comes from the file");
    assert.match(await text("#shared-unit"), /xa-xuan-hong/);

    // A wrong password is explained, in Vietnamese, with what to do.
    await typeInto("#shared-password", "sai-mat-khau");
    await (await $("#btn-shared-test")).click();
    await waitText("#shared-result", (t) => t.includes("không nhận tên đăng nhập hoặc mật khẩu") && t.includes("Hãy kiểm tra lại"), "a wrong password is said so", 20_000);
    await shot("thu-vien-chung-sai-mat-khau");

    await typeInto("#shared-password", PASSWORD);
    await (await $("#btn-shared-test")).click();
    await waitText("#shared-result", (t) => t.startsWith("Kết nối được tới") && t.includes("0 bài viết"), "Kiểm tra kết nối succeeds", 20_000);
    await shot("thu-vien-chung-kiem-tra");
    await (await $("#btn-shared-use")).click();
    await waitText("#status-library", (t) => t === `Thư viện chung: ${server.login}@localhost`, "the status bar names the shared library", 20_000);
    // This machine has no Secret Service: the password cannot be kept, and the app says why.
    await waitText("#toast", (t) => t.startsWith("Đang làm việc trên thư viện chung") && t.includes("không lưu được mật khẩu"), "says the password is not kept, and why");
    await until(async () => !(await browser().execute(() => document.getElementById("shared-dialog").open)), "the dialog closes");
    await browser().execute(() => document.querySelectorAll("dialog[open]").forEach((d) => d.close("cancel")));
    await waitText("#list", (t) => !t.includes(LOCAL_TITLE), "the list is the shared library's");

    // Write there, as on the local library.
    await (await $("#btn-new")).click();
    await waitText("#doc-title", (t) => t === "Bài viết mới", "a new article on the shared library");
    await typeInto("#meta-title", SHARED_TITLE);
    await waitText("#list", (t) => t.includes(SHARED_TITLE), "listed", 20_000);
    await until(async () => server.list().includes(SHARED_TITLE), "the article is in the shared database (bantin list)", 20_000);
    await shot("thu-vien-chung");

    // Chuyển bài lên thư viện chung: the local article, with its two revisions.
    await (await $("#btn-settings")).click();
    await (await $("#btn-shared-push")).click();
    await waitText("#push-list", (t) => t.includes(LOCAL_TITLE), "the local articles are offered");
    await browser().execute((title) => {
      for (const l of document.querySelectorAll("#push-list label")) if (l.textContent.trim() === title) l.querySelector("input").checked = true;
    }, LOCAL_TITLE);
    await (await $("#btn-push")).click();
    await waitText("#push-result", (t) => t === "Đã chuyển 1 bài (2 phiên bản) lên thư viện chung.", "pushed with its history", 20_000);
    await shot("chuyen-bai-len");
    await (await $("#btn-push")).click();
    await waitText("#push-result", (t) => t.includes("1 bài đã có sẵn ở đó, không chuyển lại"), "twice does not double");
    assert.equal(server.list().split("\n").filter((l) => l.includes(LOCAL_TITLE)).length, 1);
    await browser().execute(() => document.querySelectorAll("dialog[open]").forEach((d) => d.close("cancel")));

    // Two people, one article: presence, a crossed save, the merge view.
    await togetherSteps(server, SHARED_TITLE, LOCAL_TITLE);
    // The server stops while the editor writes, and comes back.
    await offlineSteps(SHARED_TITLE);

    // Back to this PC in one click, from the status bar.
    await (await $("#status-switch")).click();
    await waitText("#status-library", (t) => /^Thư viện: .*thu-vien\.bantin$/.test(t), "back on the library on this PC", 20_000);
    await waitText("#list", (t) => t.includes(LOCAL_TITLE) && !t.includes(SHARED_TITLE), "the local library, without the shared article");
    assert.equal(await text("#status-switch"), "Dùng thư viện chung");
    await shot("ve-thu-vien-trong-may");
  });
}
