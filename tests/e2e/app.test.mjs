// End-to-end test of the real Bản Tin app in WebKit, driven through
// tauri-driver + WebKitWebDriver (run under Xvfb by scripts/test.sh).
// An editor's day: write an article in Vietnamese, see it in the preview,
// find it without diacritics, export a PDF, restore an older revision,
// close the app and find everything again. Screenshots of each step go to
// tests/e2e/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
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

/** Empties the search box as a user would, and waits for the whole list. */
async function clearSearch() {
  await browser.execute(() => {
    const s = document.querySelector("#search");
    s.value = "";
    s.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await browser.waitUntil(async () => (await browser.$$(".item")).length >= 3, { timeout: 5_000, timeoutMsg: "the whole list is back" });
}

async function editorText() {
  return browser.execute(() => document.querySelector(".cm-content").innerText);
}

before(async () => {
  assert.ok(existsSync(app), `build the app first: ${app}`);
  // The driver's (and the app's) output goes to a log file, not to the test
  // runner's pipe: an app that lingers a moment after its session ends must
  // not keep the runner waiting for that pipe to close.
  const log = openSync(join(artifacts, "tauri-driver.log"), "w");
  driver = spawn("tauri-driver", [], { env, stdio: ["ignore", log, log] });
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
  await clearSearch();
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
  // So sánh: the revision on the left, the text on screen on the right, lines facing each other.
  await (await $("#btn-compare")).click();
  await browser.waitUntil(async () => browser.execute(() => document.querySelector("#compare").open), {
    timeout: 5_000,
    timeoutMsg: "the comparison opens",
  });
  assert.match(await text("#compare-left-head"), new RegExp(`^Phiên bản ${savedRevision} · \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`));
  assert.equal(await text("#compare-right-head"), "Hiện tại");
  const rows = await browser.execute(() =>
    Array.from(document.querySelectorAll("#compare-rows .c-row"), (r) => {
      const [l, rt] = r.querySelectorAll(".c-cell");
      return { left: l.querySelector(".c-t").textContent, lk: l.className, right: rt.querySelector(".c-t").textContent, rk: rt.className };
    }),
  );
  const changed = rows.find((r) => r.left === FIRST);
  assert.ok(changed, `the old line is in the left column: ${JSON.stringify(rows)}`);
  assert.equal(changed.right, FIRST + SECOND, "the line as it is now faces it on the right");
  assert.match(changed.lk, /c-removed/, "the old line is tinted as removed");
  assert.match(changed.rk, /c-added/, "the new line is tinted as added");
  assert.ok(rows.every((r) => !r.left.includes("Thêm đoạn sửa đổi")), "the later edit is not on the left");
  assert.equal(await browser.execute(() => document.querySelector("#btn-compare-restore").disabled), false);
  // No screenshot here: in this flow WebKitWebDriver's screenshot request
  // hangs while the comparison is open (modal or not), and every later step
  // would wait on it. The same dialog with a sample article screenshots fine.
  await (await $("#compare button[value='close']")).click();
  await browser.waitUntil(async () => !(await browser.execute(() => document.querySelector("#compare").open)), {
    timeout: 5_000,
    timeoutMsg: "the comparison closes",
  });
  await (await $("#btn-restore")).click();
  await waitText("#toast", (t) => t.startsWith(`Đã khôi phục phiên bản ${savedRevision}`), "restored");
  const body = await editorText();
  assert.ok(body.includes("mỗi đảng viên phải gương mẫu"), "the first text is back");
  assert.ok(!body.includes("Thêm đoạn sửa đổi"), "the later edit is gone from the editor");
  await shot("khoi-phuc");
});

const CATEGORY = "Văn hóa cơ sở";

test("filter the library by category and sort it by title", async () => {
  await (await $("button[data-tab='meta']")).click();
  const category = await $("#meta [name='category']");
  await category.setValue(CATEGORY);
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "category autosaved", 20_000);
  await browser.waitUntil(
    async () => browser.execute((c) => Array.from(document.querySelectorAll("#filter-category option"), (o) => o.value).includes(c), CATEGORY),
    { timeout: 10_000, timeoutMsg: "the new category is offered in the filter" },
  );
  await (await $("#filter-category")).selectByAttribute("value", CATEGORY);
  await browser.waitUntil(async () => (await browser.$$(".item")).length === 1, { timeout: 5_000, timeoutMsg: "only the article of that category is listed" });
  assert.ok((await text("#list")).includes(TITLE));
  assert.equal(await text("#list-count"), "1 bài");
  await shot("loc-chuyen-muc");
  await (await $("#filter-category")).selectByAttribute("value", "");
  await (await $("#sort")).selectByAttribute("value", "title");
  const titles = await browser.execute(() => Array.from(document.querySelectorAll(".item .item-title"), (e) => e.textContent));
  const sorted = titles.slice().sort(new Intl.Collator("vi", { numeric: true }).compare);
  assert.ok(titles.length >= 3, "the whole library is listed again");
  assert.deepEqual(titles, sorted, "titles in Vietnamese alphabetical order");
  await (await $("#sort")).selectByAttribute("value", "");
});

test("dates are typed and shown as ngày/tháng/năm, with a Vietnamese word when wrong", async () => {
  const date = await $("#meta-date");
  await date.setValue("31/02/2026");
  await date.addValue("\uE004"); // Tab: leave the field
  await waitText("#meta-date-error", (t) => t.startsWith("Tháng 2/2026 không có ngày 31 (chỉ có 28 ngày).") && t.includes("chưa được lưu"), "an impossible date is explained");
  assert.equal(await date.getAttribute("aria-invalid"), "true");
  await shot("ngay-sai");
  await date.setValue("2026-11-24");
  await date.addValue("\uE004");
  assert.equal(await date.getValue(), "24/11/2026", "shown day first");
  assert.equal(await (await $("#meta-date-error")).isDisplayed(), false, "the message goes once the date is right");
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "date autosaved", 20_000);
  await browser.waitUntil(async () => (await text("#list .item.selected .item-meta")).includes("24/11/2026"), { timeout: 10_000, timeoutMsg: "the list shows the saved date" });
});

test("duplicate an article, delete the copy to the recycle bin, restore it", async () => {
  await (await $("#btn-duplicate")).click();
  const copyTitle = `${TITLE} (bản sao)`;
  await waitText("#doc-title", (t) => t === copyTitle, "the copy is open");
  assert.ok((await editorText()).includes("mỗi đảng viên phải gương mẫu"), "the copy has the text");
  await (await $("#btn-trash")).click();
  await waitText("#toast", (t) => t.startsWith(`Đã chuyển “${copyTitle}” vào Thùng rác`), "moved to the recycle bin");
  await browser.waitUntil(async () => !(await text("#list")).includes("(bản sao)"), { timeout: 5_000, timeoutMsg: "the copy left the list" });
  await (await $("#search")).setValue("ban sao");
  await waitText("#list-empty", (t) => t.startsWith("Không tìm thấy bài viết nào"), "a deleted article is not found by search");
  await clearSearch();
  await (await $("#btn-trash-open")).click();
  await waitText("#trash-list", (t) => t.includes(copyTitle), "the copy is in the recycle bin");
  await shot("thung-rac");
  await (await $("#trash-list button[data-id]")).click();
  await waitText("#toast", (t) => t.startsWith(`Đã khôi phục “${copyTitle}”`), "restored from the recycle bin");
  await waitText("#trash-empty", (t) => t === "Thùng rác trống.", "the recycle bin is empty again");
  await browser.keys(["Escape"]);
  await waitText("#doc-title", (t) => t === copyTitle, "the restored copy is open");
  await browser.waitUntil(async () => (await text("#list")).includes("(bản sao)"), { timeout: 5_000, timeoutMsg: "the copy is back in the list" });
  // Back to the original for the next steps.
  const item = await browser.$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${TITLE}']]`);
  await item.click();
  await waitText("#doc-title", (t) => t === TITLE, "the original opens again");
});

/** Pastes into the editor as the system clipboard would: text/html and/or files. */
async function paste({ html, file }) {
  await browser.execute(
    async (html, file) => {
      const dt = new DataTransfer();
      if (html) dt.setData("text/html", html);
      if (file === "png") {
        const c = document.createElement("canvas");
        c.width = 320;
        c.height = 200;
        const g = c.getContext("2d");
        g.fillStyle = "#9b1c1c";
        g.fillRect(0, 0, 320, 200);
        const blob = await new Promise((r) => c.toBlob(r, "image/png"));
        dt.items.add(new File([blob], "hội nghị.png", { type: "image/png" }));
      } else if (file === "broken") {
        dt.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 1, 2])], "anh-hong.png", { type: "image/png" }));
      }
      document.querySelector(".cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    html ?? "",
    file ?? "",
  );
}

test("paste from Word becomes clean Markdown; pasted images are stored; the toolbar formats", async () => {
  await typeInEditor(" ");
  await paste({
    html: `<html><head><style>p{mso-style:x}</style><script>document.title="hỏng"</script></head><body><!--StartFragment-->
      <h2>Kết quả thực hiện</h2><p class=MsoNormal style="font-family:'Times New Roman'">Đã vận động <b>120 hộ</b> tham gia<o:p></o:p></p>
      <ul><li>Thôn Lạc Nam</li><li>Thôn Xuân Hòa</li></ul>
      <table><tr><td>Thôn</td><td>Số hộ</td></tr><tr><td>Lạc Nam</td><td>70</td></tr></table><!--EndFragment--></body></html>`,
  });
  await browser.waitUntil(async () => (await editorText()).includes("| Lạc Nam | 70 |"), { timeout: 5_000, timeoutMsg: "the table arrived as Markdown" });
  const body = await editorText();
  for (const part of ["## Kết quả thực hiện", "Đã vận động **120 hộ** tham gia", "- Thôn Lạc Nam\n- Thôn Xuân Hòa"]) assert.ok(body.includes(part), `editor has ${JSON.stringify(part)}:\n${body}`);
  assert.ok(!body.includes("mso") && !body.includes("script") && !body.includes("<"), "no Word or HTML markup left");
  assert.notEqual(await browser.getTitle(), "hỏng", "nothing in the pasted HTML ran");
  await waitText("#preview", (t) => t.includes("Kết quả thực hiện") && t.includes("Xuân Hòa"), "the preview shows the pasted text");
  assert.equal(await browser.execute(() => document.querySelectorAll("#preview table tr").length), 2);

  await paste({ file: "png" });
  await browser.waitUntil(async () => /!\[Chú thích ảnh\]\(asset:[0-9a-f]{64}\)/.test(await editorText()), { timeout: 10_000, timeoutMsg: "the image is referenced as an asset" });
  // The caption is selected: typing replaces it.
  await (await $(".cm-content")).addValue("Hội nghị chi bộ tháng 11");
  await browser.waitUntil(
    async () => browser.execute(() => {
      const img = document.querySelector("#preview figure img");
      return Boolean(img && img.complete && img.naturalWidth === 320 && document.querySelector("#preview figcaption")?.textContent.includes("Hội nghị chi bộ tháng 11"));
    }),
    { timeout: 10_000, timeoutMsg: "the preview shows the stored image with its caption" },
  );

  await paste({ file: "broken" });
  await waitText("#toast", (t) => t.startsWith("Không mở được ảnh \"anh-hong.png\": tệp bị hỏng hoặc không phải ảnh."), "a broken image is refused in Vietnamese");
  assert.equal((await editorText()).match(/asset:/g).length, 1, "nothing was inserted for the broken image");

  // Toolbar: bold with nothing selected, typed over, then the line numbered.
  await typeInEditor("\uE007\uE007Ghi chú "); // Enter twice: a new paragraph
  await (await $("#toolbar button[data-cmd='bold']")).click();
  await (await $(".cm-content")).addValue("quan trọng");
  await (await $("#toolbar button[data-cmd='numbered']")).click();
  await browser.waitUntil(async () => (await editorText()).includes("1. Ghi chú **quan trọng**"), { timeout: 5_000, timeoutMsg: `toolbar formatting: ${await editorText()}` });
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "pasted work autosaved", 20_000);
  await shot("dan-tu-word-va-anh");
});

test("Ctrl+F finds and replaces in the article, in Vietnamese", async () => {
  // Ctrl+F typed into the editor (Element Send Keys: \uE009 holds Control).
  await (await $(".cm-content")).addValue("\uE009f\uE009");
  const find = await $(".cm-search input[name='search']");
  await find.waitForDisplayed({ timeout: 5_000 });
  assert.equal(await find.getAttribute("placeholder"), "Tìm");
  assert.ok(await find.isFocused(), "the cursor is in the find field");
  const labels = await text(".cm-search");
  for (const w of ["Tiếp", "Trước", "Tất cả", "Khớp chữ hoa", "Thay tất cả"]) assert.ok(labels.includes(w), `the panel says "${w}": ${labels}`);
  await find.setValue("Số hộ");
  await (await $(".cm-search input[name='replace']")).setValue("Số hộ gia đình");
  await shot("tim-va-thay");
  await (await $(".cm-search button[name='replaceAll']")).click();
  await browser.waitUntil(async () => (await editorText()).includes("| Thôn | Số hộ gia đình |"), { timeout: 5_000, timeoutMsg: "replaced in the text" });
  assert.equal((await editorText()).match(/Số hộ/g).length, 1, "the one match was replaced, nothing else");
  await browser.keys(["Escape"]);
  await browser.waitUntil(async () => (await browser.$$(".cm-search")).length === 0, { timeout: 5_000, timeoutMsg: "Escape closes the panel" });
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "the replacement is saved", 20_000);
});

async function openByTitle(title) {
  await clearSearch();
  // The list repaints while it settles: find the row afresh until a click lands.
  await browser.waitUntil(
    async () => {
      try {
        await (await browser.$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${title}']]`)).click();
        return (await text("#doc-title")) === title;
      } catch {
        return false;
      }
    },
    { timeout: 10_000, timeoutMsg: `"${title}" opens` },
  );
}

test("settings: organisation profile, default author, print font, backup now", async () => {
  await (await $("#btn-settings")).click();
  const coQuan = await $("#settings input[name='co_quan']");
  await coQuan.waitForDisplayed({ timeout: 5_000 });
  assert.equal(await coQuan.getAttribute("placeholder"), "CHI BỘ THÔN LẠC NAM", "the core's example is the placeholder");
  await coQuan.setValue("CHI BỘ THÔN LẠC NAM");
  await (await $("#settings input[name='tac_gia_mac_dinh']")).setValue("Ban Dân vận Đảng ủy xã");
  await waitText("#settings-font", (t) => t.startsWith("Khi in sẽ dùng phông "), "the print font in use is named");
  await (await $("#btn-backup")).click();
  await waitText("#settings-backup-result", (t) => t.startsWith("Đã sao lưu vào:"), "backup written", 20_000);
  const backups = readdirSync(join(env.BANTIN_EXPORT_DIR, "Sao lưu"));
  assert.equal(backups.length, 1);
  assert.match(backups[0], /^thu-vien-\d{4}-\d{2}-\d{2}-\d{6}\.bantin$/);
  assert.equal(readFileSync(join(env.BANTIN_EXPORT_DIR, "Sao lưu", backups[0])).subarray(0, 15).toString(), "SQLite format 3");
  assert.ok((await text("#settings-backup-result")).includes("Mở thư mục"), "offers to open the folder");
  await shot("cai-dat");
  await (await $("#btn-settings-save")).click();
  await waitText("#toast", (t) => t === "Đã lưu cài đặt.", "settings saved");
  // A new article starts with the default author.
  await (await $("#btn-new")).click();
  await waitText("#doc-title", (t) => t === "Bài viết mới", "new article opened");
  assert.equal(await (await $("#meta [name='author']")).getValue(), "Ban Dân vận Đảng ủy xã");
  await (await $("#btn-trash")).click();
  await waitText("#toast", (t) => t.startsWith("Đã chuyển “Bài viết mới” vào Thùng rác"), "the test article is put away");
});

test("bulletin composer: create an issue, pick and order articles, export its PDF", async () => {
  const COPY = `${TITLE} (bản sao)`;
  await (await $("#btn-bulletin")).click();
  await waitText("#bulletin-list-empty", (t) => t.startsWith("Chưa có bản tin nào"), "no issues yet");
  await (await $("#btn-bulletin-new")).click();
  const name = await $("#bulletin-name");
  await browser.waitUntil(async () => (await name.getValue()) === "Bản tin Dân vận", { timeout: 5_000, timeoutMsg: "a new issue opens" });
  assert.equal(await (await $("#bulletin-number")).getValue(), "01");
  assert.match(await (await $("#bulletin-date")).getValue(), /^\d{2}\/\d{2}\/\d{4}$/, "the issue date reads ngày/tháng/năm");
  await name.setValue("Bản tin Dân vận Xuân Hồng");
  await waitText("#bulletin-save-state", (t) => t === "Đã lưu", "masthead saved", 10_000);
  await waitText("#bulletin-list", (t) => t.includes("Bản tin Dân vận Xuân Hồng số 01"), "the issue list shows the new name");
  const add = async (title) => {
    await (await $("#bulletin-pick-search")).setValue("tang cuong");
    const b = await browser.$(`//ul[@id='bulletin-pick']/li[span[contains(@class,'t')][normalize-space(.)='${title}']]/button`);
    await b.click();
    await browser.waitUntil(async () => (await text("#bulletin-articles")).includes(title), { timeout: 5_000, timeoutMsg: `"${title}" added` });
  };
  await add(TITLE);
  await add(COPY);
  const order = () => browser.execute(() => Array.from(document.querySelectorAll("#bulletin-articles .t"), (e) => e.textContent));
  assert.deepEqual(await order(), [TITLE, COPY]);
  await (await $("#bulletin-articles li:first-child button[data-act='down']")).click();
  await browser.waitUntil(async () => (await order())[0] === COPY, { timeout: 5_000, timeoutMsg: "moved down" });
  // And back with the keyboard: Alt+↑ on the focused article.
  await browser.execute(() => document.querySelector("#bulletin-articles li:last-child").focus());
  await browser.keys(["Alt", "ArrowUp"]);
  await browser.waitUntil(async () => (await order())[0] === TITLE, { timeout: 5_000, timeoutMsg: "moved up with Alt+↑" });
  await shot("ban-tin");
  await (await $("#btn-bulletin-export")).click();
  await waitText("#toast", (t) => t.startsWith("Đã xuất:") && t.includes(".pdf"), "bulletin exported", 60_000);
  assert.ok((await text("#toast")).includes("Mở thư mục"), "offers to open the folder");
  const file = join(env.BANTIN_EXPORT_DIR, "ban-tin-dan-van-xuan-hong-so-01.pdf");
  assert.ok(existsSync(file), "the bulletin PDF is in the export folder");
  // Two columns: lines break anywhere, so compare with white space folded.
  const words = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
  for (const w of ["Số 01", "TRONG SỐ NÀY", "mỗi đảng viên phải gương mẫu", "Đã vận động 120 hộ tham gia"]) assert.ok(words.includes(w), `the PDF says "${w}"`);
  await shot("xuat-ban-tin");
  const pdfPages = (f) => execFileSync("pdfinfo", [f]).toString();
  assert.match(pdfPages(file), /Page size:\s+595\.\d* x 841\.\d* pts/, "the issue's own paper: A4 portrait");

  // Its print pages, then as a folded A5 booklet on A4 landscape.
  await (await $("#btn-bulletin-pages")).click();
  await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "issue pages laid out", 60_000);
  const sheets = () => browser.execute(() => Array.from(document.querySelectorAll("#pages-list svg.page"), (p) => [p.viewBox.baseVal.width, p.viewBox.baseVal.height, Array.from(p.querySelectorAll("text"), (t) => t.textContent).join(" ").replace(/\s+/g, " ")]));
  const a4 = await sheets();
  assert.ok(a4.length >= 1 && a4.every(([w, h]) => h > w), "upright pages");
  assert.ok(a4[0][2].includes("TRONG SỐ NÀY") && a4.some((p) => p[2].includes("mỗi đảng viên phải gương mẫu")), "the masthead, contents and the articles are on the pages");
  assert.ok(await browser.execute(() => document.querySelectorAll("#pages-list svg.page image").length) >= 1, "the photo is on the issue's pages");
  await shot("trang-in-ban-tin");
  await browser.keys(["Escape"]);
  await (await $("#bulletin-booklet")).click();
  assert.equal(await (await $("#bulletin-paper")).isEnabled(), false, "the booklet fixes the paper");
  await (await $("#btn-bulletin-pages")).click();
  await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "booklet sheets laid out", 60_000);
  const booklet = await sheets();
  assert.ok(booklet.length >= 1 && booklet.every(([w, h]) => w > h), "booklet sheets are landscape");
  await shot("trang-in-so-tay");
  await browser.keys(["Escape"]);
  await (await $("#btn-bulletin-export")).click();
  await waitText("#toast", (t) => t.includes("so-tay.pdf"), "booklet exported", 60_000);
  const bookletFile = join(env.BANTIN_EXPORT_DIR, "ban-tin-dan-van-xuan-hong-so-01-so-tay.pdf");
  assert.match(pdfPages(bookletFile), /Page size:\s+841\.\d* x 595\.\d* pts/, "A4 landscape sheets");
  await (await $("#bulletin-booklet")).click();
  await (await $("#btn-composer-close")).click();
  await browser.waitUntil(async () => !(await (await $("#composer")).isDisplayed()), { timeout: 5_000, timeoutMsg: "back to the editor" });
});

test("deleting an article that a bulletin prints asks first", async () => {
  const COPY = `${TITLE} (bản sao)`;
  await openByTitle(TITLE);
  await (await $("#btn-trash")).click();
  await waitText("#ask-text", (t) => t.includes("Bài này đang nằm trong bản tin “Bản tin Dân vận Xuân Hồng số 01”") && t.endsWith("Bỏ bài khỏi các bản tin đó và chuyển vào Thùng rác?"), "the question names the issue");
  await (await $("#ask")).waitForDisplayed({ timeout: 5_000 });
  await shot("hoi-truoc-khi-xoa");
  await (await $("#ask-no")).click();
  assert.equal(await text("#doc-title"), TITLE, "Hủy keeps the article");
  await openByTitle(COPY);
  await (await $("#btn-trash")).click();
  await waitText("#ask-text", (t) => t.includes("Bản tin Dân vận Xuân Hồng số 01"), "asked again");
  await (await $("#ask-yes")).click();
  await waitText("#toast", (t) => t.startsWith(`Đã chuyển “${COPY}” vào Thùng rác`), "moved after agreeing");
  await (await $("#btn-bulletin")).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelectorAll("#bulletin-articles li").length)) === 1, {
    timeout: 5_000,
    timeoutMsg: "the issue lost the deleted article",
  });
  await (await $("#btn-composer-close")).click();
  await openByTitle(TITLE);
});

/** The colour of one screen pixel, as [r, g, b, a], read from a real screenshot. */
async function screenPixel(x, y) {
  const png = await browser.takeScreenshot();
  return browser.execute(
    async (png, x, y) => {
      const img = new Image();
      img.src = "data:image/png;base64," + png;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      return Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data);
    },
    png,
    x,
    y,
  );
}

test("see the print pages before exporting, photos included", async () => {
  await (await $("#btn-pages")).click();
  await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "pages laid out", 30_000);
  const pages = await browser.execute(() =>
    Array.from(document.querySelectorAll("#pages-list svg.page"), (p) => ({ w: p.getBoundingClientRect().width, h: p.getBoundingClientRect().height, text: p.textContent })),
  );
  assert.ok(pages.length >= 1 && pages.every((p) => p.w > 300 && p.h > p.w), `every page is drawn, upright, scaled to the dialog: ${JSON.stringify(pages.map((p) => [p.w, p.h]))}`);
  assert.equal(Number((await text("#pages-state")).split(" ")[0]), pages.length);
  assert.ok(pages[0].text.includes("Tăng cường văn hóa công sở"), "the first page carries the title");
  assert.equal(await browser.execute(() => document.querySelectorAll("#pages-list img, #pages-list script").length), 0, "pages are inline SVG, nothing else");
  // The pasted photo (a plain dark red PNG) is on a page, with a size, and
  // really painted: the screen is red in its middle.
  const photo = await browser.execute(() => {
    const image = document.querySelector("#pages-list svg.page image");
    if (!image) return null;
    image.scrollIntoView({ block: "center" });
    const box = image.getBBox();
    const r = image.getBoundingClientRect();
    return { bw: box.width, bh: box.height, x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height };
  });
  assert.ok(photo, "the page has the photo");
  assert.ok(photo.bw > 0 && photo.bh > 0 && photo.w > 50 && photo.h > 30, `the photo has a size: ${JSON.stringify(photo)}`);
  await new Promise((r) => setTimeout(r, 300));
  const [r, g, b] = await screenPixel(photo.x, photo.y);
  assert.ok(r > 120 && g < 80 && b < 80, `the photo is painted on screen (pixel ${r},${g},${b})`);
  assert.ok(!(await text("#pages-state")).includes("ảnh"), "no caveat about photos");
  await shot("trang-in-co-anh");
  await browser.keys(["Escape"]);
});

test("restore the library from a backup: later work goes, the library before it is kept", async () => {
  // Work done after the backup of the settings step: a new article.
  await (await $("#btn-new")).click();
  await waitText("#doc-title", (t) => t === "Bài viết mới", "new article opened");
  await waitText("#list", (t) => t.includes("Bài viết mới"), "the new article is listed");
  await (await $("#btn-settings")).click();
  await waitText("#settings-backups", (t) => /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · .* · thu-vien-.*\.bantin/.test(t), "the backup is listed with its time and size");
  await (await $("#settings-backups li button")).click();
  await waitText("#ask-text", (t) => t.startsWith("Thay thư viện hiện tại bằng bản sao lưu ngày"), "asks before replacing the library");
  await shot("khoi-phuc-hoi");
  await (await $("#ask-yes")).click();
  await waitText("#toast", (t) => t.startsWith("Đã khôi phục thư viện từ bản sao lưu ngày") && t.includes("truoc-khoi-phuc"), "restored, and says where the library before is kept", 30_000);
  assert.equal(await browser.execute(() => document.querySelector("#settings").open), false, "settings close without saving the old profile over the restored one");
  await shot("khoi-phuc-xong");
  await waitText("#list", (t) => t.includes(TITLE) && !t.includes("Bài viết mới"), "the library is the backup's: later work gone, the article kept");
  const kept = readdirSync(dirname(env.BANTIN_LIBRARY)).filter((n) => n.includes("truoc-khoi-phuc"));
  assert.equal(kept.length, 1, `the library before the restore is kept beside it: ${kept}`);
});

test("after a crash (the app killed, as by a power cut) nothing saved is lost", async () => {
  const item = await browser.$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${TITLE}']]`);
  await item.click();
  await waitText("#doc-title", (t) => t === TITLE, "article opens");
  await typeInEditor(" Trước khi mất điện.");
  // Autosave runs a second after typing stops.
  await new Promise((r) => setTimeout(r, 2500));
  await waitText("#status-save", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 10_000);
  execFileSync("pkill", ["-KILL", "-f", app]);
  await new Promise((r) => setTimeout(r, 1000));
  await browser.deleteSession().catch(() => {});
  browser = undefined;
  await launch();
  await browser.waitUntil(async () => (await text("#list")).includes(TITLE), { timeout: 20_000, timeoutMsg: "the library opens after the crash" });
  const again = await browser.$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${TITLE}']]`);
  await again.click();
  await waitText("#doc-title", (t) => t === TITLE, "article opens after the crash");
  assert.ok((await editorText()).includes("Trước khi mất điện."), "what was autosaved before the crash is there");
  await shot("sau-su-co");
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
  const item = await browser.$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${TITLE}']]`);
  await item.click();
  await waitText("#doc-title", (t) => t === TITLE, "article opens");
  const body = await editorText();
  assert.ok(body.includes("mỗi đảng viên phải gương mẫu"), "the text survived closing");
  assert.ok(body.includes("Câu cuối."), "what was typed just before closing was saved");
  await shot("mo-lai");
});

// Unikey / EVKey (Telex) on Windows type by sending Backspace and the composed
// letter: "Việt" reaches the editor as V, i, e, e→(⌫, ê), j→(⌫, ệ), t. A tone
// that lands on an earlier letter takes back what follows it and types it again.
const BS = "\uE003";
const UNIKEY_SENTENCE = "Việt Nam đổi mới";
const UNIKEY_KEYS = [
  "V", "i", "e", BS + "ê", BS + "ệ", "t", " ", // Việt: v i e e j t
  "N", "a", "m", " ", // Nam
  "d", BS + "đ", "o", BS + "ô", "i", BS + BS + "ổi", " ", // đổi: d d o o i r
  "m", "o", BS + "ơ", "i", BS + BS + "ới", // mới: m o w i s
].join("");

test("Unikey-style typing (Backspace, then the composed letter) keeps every letter once", async () => {
  await typeInEditor("\uE007\uE007"); // a new paragraph at the end
  await typeInEditor(UNIKEY_KEYS);
  const count = (hay, needle) => hay.split(needle).length - 1;
  await browser.waitUntil(async () => (await editorText()).includes(UNIKEY_SENTENCE), {
    timeout: 5_000,
    timeoutMsg: `the editor shows “${UNIKEY_SENTENCE}”: ${JSON.stringify(await editorText())}`,
  });
  // The article ends in a numbered list (the paste step), so Enter continued it: "2. ".
  const unmark = (l) => l.trim().replace(/^(\d+\.|[-*])\s+/, "");
  const lines = (await editorText()).split("\n").map(unmark).filter(Boolean);
  assert.equal(lines.at(-1), UNIKEY_SENTENCE, "the last paragraph is exactly the sentence: nothing lost, nothing doubled");
  assert.equal(count(await editorText(), UNIKEY_SENTENCE), 1);
  await waitText("#preview", (t) => t.includes(UNIKEY_SENTENCE), "the preview shows the sentence");
  const paras = await browser.execute((s) => Array.from(document.querySelectorAll("#preview p, #preview li"), (p) => p.textContent.trim()).filter((t) => t.includes(s)), UNIKEY_SENTENCE);
  assert.deepEqual(paras, [UNIKEY_SENTENCE], "the preview has one paragraph (or list item), exactly the sentence");
  assert.equal(count(await text("#preview"), UNIKEY_SENTENCE), 1);
  const savedBody = () =>
    browser.execute(async (title) => {
      const inv = window.__TAURI_INTERNALS__.invoke;
      const list = await inv("list_articles");
      const a = await inv("get_article", { id: list.find((x) => x.title === title).id });
      return a.body;
    }, TITLE);
  await browser.waitUntil(async () => (await savedBody()).includes(UNIKEY_SENTENCE), {
    timeout: 20_000,
    timeoutMsg: "autosave stored the sentence",
  });
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 20_000);
  const body = await savedBody();
  const saved = body.split("\n").map(unmark).filter(Boolean);
  assert.equal(saved.at(-1), UNIKEY_SENTENCE, `the saved article ends with exactly the sentence: ${JSON.stringify(body.slice(-80))}`);
  assert.equal(count(body, UNIKEY_SENTENCE), 1);
  await shot("go-unikey");
});
