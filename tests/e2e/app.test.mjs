// End-to-end test of the real Bản Tin app in WebKit, driven through
// tauri-driver + WebKitWebDriver (run under Xvfb by scripts/test.sh).
// An editor's day: write an article in Vietnamese, see it in the preview,
// find it without diacritics, export a PDF, restore an older revision,
// close the app and find everything again. Screenshots of each step go to
// tests/e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const app = process.env.BANTIN_APP ?? join(root, "target", "debug", "bantin-app");
const artifacts = join(here, "artifacts");
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

const work = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
const env = {
  ...process.env,
  BANTIN_LIBRARY: join(work, "thu-vien.bantin"),
  BANTIN_EXPORT_DIR: join(work, "xuat"),
};

let driver;
let browser;
let step = 0;

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function waitPorts() {
  // tauri-driver listens on 4444 before WebKitWebDriver is up on 4445.
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if ((await portOpen(4444)) && (await portOpen(4445))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("tauri-driver did not start (ports 4444/4445)");
}

async function launch() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app } },
  });
  await browser.setTimeout({ implicit: 0 });
}

async function shot(name) {
  step += 1;
  await browser.saveScreenshot(join(artifacts, `${String(step).padStart(2, "0")}-${name}.png`));
}

const $ = (sel) => browser.$(sel);

// WebKitWebDriver's getText gives "" for some laid-out elements (ellipsis,
// flex children); the DOM's own text is what an editor reads anyway.
async function text(sel) {
  return browser.execute((s) => document.querySelector(s)?.innerText ?? "", sel);
}

async function waitText(sel, pred, what, timeout = 15_000) {
  await browser.waitUntil(async () => pred(await text(sel)), { timeout, timeoutMsg: what });
}

async function typeInEditor(s) {
  const content = await $(".cm-content");
  await content.click();
  await browser.execute(() => {
    // Put the cursor at the very end of the document.
    const c = document.querySelector(".cm-content");
    const r = document.createRange();
    r.selectNodeContents(c);
    r.collapse(false);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  });
  // Element Send Keys, not the actions API: WebKitWebDriver's key actions
  // drop a space that follows a non-ASCII letter, which no keyboard does.
  await content.addValue(s);
}

async function editorText() {
  return browser.execute(() => document.querySelector(".cm-content").innerText);
}

before(async () => {
  assert.ok(existsSync(app), `build the app first: ${app}`);
  driver = spawn("tauri-driver", [], { env, stdio: ["ignore", "inherit", "inherit"] });
  await waitPorts();
  await launch();
});

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  if (driver) driver.kill();
});

const TITLE = "Tăng cường văn hóa công sở ở thôn Lạc Nam";
const FIRST = "Chi bộ thôn đã họp bàn về văn hóa công sở; mỗi đảng viên phải gương mẫu.";
const SECOND = " Thêm đoạn sửa đổi về ứng xử.";
let savedRevision = 0;

test("first start shows the sample library", async () => {
  await browser.waitUntil(async () => (await browser.$$(".item")).length >= 3, {
    timeout: 20_000,
    timeoutMsg: "sample articles in the list",
  });
  assert.match(await text("#status-library"), /Thư viện: .*thu-vien\.bantin/);
  await shot("thu-vien-mau");
});

test("write a new article in Vietnamese and see it in the preview", async () => {
  await (await $("#btn-new")).click();
  await waitText("#doc-title", (t) => t === "Bài viết mới", "new article opened");
  const title = await $("#meta-title");
  await title.clearValue();
  await title.setValue(TITLE);
  await typeInEditor(FIRST);
  await waitText("#preview", (t) => t.includes("mỗi đảng viên phải gương mẫu") && t.includes(TITLE), "preview shows the text");
  assert.equal((await editorText()).trim(), FIRST, "every character arrived once, diacritics intact");
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 20_000);
  await shot("soan-bai-moi");
});

test("find it by searching without diacritics", async () => {
  const search = await $("#search");
  await search.setValue("van hoa cong so lac nam");
  await browser.waitUntil(
    async () => (await text("#list")).includes(TITLE) && (await browser.execute(() => document.querySelectorAll("#list mark").length)) > 0,
    { timeout: 10_000, timeoutMsg: "the new article is found without diacritics" },
  );
  const marks = await browser.execute(() => Array.from(document.querySelectorAll("#list mark"), (m) => m.textContent));
  assert.ok(marks.includes("văn") && marks.includes("Lạc"), `hits are highlighted in the original spelling: ${marks}`);
  await shot("tim-khong-dau");
  await search.clearValue();
  await browser.keys(["Backspace"]);
});

test("export a PDF and find the file", async () => {
  await (await $("#btn-export-pdf")).click();
  await waitText("#toast", (t) => t.startsWith("Đã xuất:"), "export finished", 30_000);
  const dir = env.BANTIN_EXPORT_DIR;
  const pdfs = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
  assert.equal(pdfs.length, 1, "one PDF in the export folder");
  const file = join(dir, pdfs[0]);
  assert.equal(readFileSync(file).subarray(0, 5).toString(), "%PDF-");
  const words = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
  assert.ok(words.includes("mỗi đảng viên phải gương mẫu"), "the PDF says what was typed");
  await shot("xuat-pdf");
});

test("export an upload bundle and find the zip", async () => {
  await (await $("#btn-bundle")).click();
  await waitText("#toast", (t) => t.startsWith("Đã xuất gói tải lên:"), "bundle written", 30_000);
  const zips = readdirSync(env.BANTIN_EXPORT_DIR).filter((f) => f.endsWith(".zip"));
  assert.equal(zips.length, 1);
  assert.match(zips[0], /^\d{4}-\d{2}-\d{2}-tang-cuong-van-hoa-cong-so-o-thon-lac-nam\.zip$/);
  const listing = execFileSync("unzip", ["-l", join(env.BANTIN_EXPORT_DIR, zips[0])]).toString();
  for (const f of ["manifest.json", "article.html", "article.md", "index.md", "article.pdf"]) assert.ok(listing.includes(f), f);
  await shot("goi-tai-len");
});

test("restore an older revision", async () => {
  await (await $("button[data-tab='history']")).click();
  await browser.waitUntil(async () => (await browser.$$("#history-list button.rev")).length >= 2, {
    timeout: 10_000,
    timeoutMsg: "history lists the revisions",
  });
  const top = await text("#history-list li:first-child strong");
  savedRevision = Number(top.replace(/\D/g, ""));
  await typeInEditor(SECOND);
  await waitText("#preview", (t) => t.includes("Thêm đoạn sửa đổi"), "preview shows the edit");
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "edit autosaved", 20_000);
  await browser.waitUntil(async () => Number((await text("#history-list li:first-child strong")).replace(/\D/g, "")) > savedRevision, {
    timeout: 10_000,
    timeoutMsg: "the edit is a new revision",
  });
  await (await $(`#history-list button[data-n='${savedRevision}']`)).click();
  await waitText("#history-diff", (t) => t.includes("Thêm đoạn sửa đổi"), "the diff shows the later edit");
  await shot("lich-su");
  await (await $("#btn-restore")).click();
  await waitText("#toast", (t) => t.startsWith(`Đã khôi phục phiên bản ${savedRevision}`), "restored");
  const body = await editorText();
  assert.ok(body.includes("mỗi đảng viên phải gương mẫu"), "the first text is back");
  assert.ok(!body.includes("Thêm đoạn sửa đổi"), "the later edit is gone from the editor");
  await shot("khoi-phuc");
});

test("close and reopen: everything is still there", async () => {
  // Typing right before closing: the close handler saves it. The window is
  // asked to close as the window manager's close button would.
  await typeInEditor(" Câu cuối.");
  await browser.execute(() => window.__TAURI_INTERNALS__.invoke("plugin:window|close", { label: "main" }));
  await new Promise((r) => setTimeout(r, 3000));
  await browser.deleteSession().catch(() => {});
  browser = undefined;
  await launch();
  await browser.waitUntil(async () => (await text("#list")).includes(TITLE), {
    timeout: 20_000,
    timeoutMsg: "the article is in the list after reopening",
  });
  const item = await browser.$(`//div[contains(@class,'item')][.//div[contains(., '${TITLE}')]]`);
  await item.click();
  await waitText("#doc-title", (t) => t === TITLE, "article opens");
  const body = await editorText();
  assert.ok(body.includes("mỗi đảng viên phải gương mẫu"), "the text survived closing");
  assert.ok(body.includes("Câu cuối."), "what was typed just before closing was saved");
  await shot("mo-lai");
});
