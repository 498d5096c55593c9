// Printing and saving as in Word: Ctrl+P and "In" in Xem trang in open the
// system's print dialog on exactly the pages the PDF has; the top bar acts on
// what is on screen (the issue in the bulletin composer); the message with
// Mở tệp / Mở thư mục is on top of whatever is open; "Lưu thành…" saves
// where the editor chooses in the system's save dialog, and remembers it.
//
// The system's dialogs (GTK's print and save dialogs) are windows of their
// own, outside the page WebDriver drives: the steps photograph the whole
// screen for them and answer them with xdotool, as a person at the keyboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { artifacts, browser, env } from "../lib/session.mjs";
import { $, openByTitle, plainScreen, shot, sleep, text, until, waitText, exportPassingChecks } from "../lib/ui.mjs";
import { createArticle, deleteBulletins, freshArticle, invoke, retire, storeRedPng } from "../lib/library.mjs";
import { screenShot, windowsNamed, xdotool } from "../lib/desktop.mjs";
import { COPY, TITLE, fullBody } from "../lib/content.mjs";

/** pdfinfo's page count and page size (points) of a PDF. */
function pdfInfo(file) {
  const info = execFileSync("pdfinfo", [file]).toString();
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)[1]), width: Number(w), height: Number(h) };
}

/** Renders a PDF's first pages to PNG in the artifacts, to look at. */
function lookAt(pdf, name) {
  execFileSync("pdftoppm", ["-png", "-r", "40", "-l", "4", pdf, join(artifacts, name)]);
}

/** What the app recorded of its print requests (printing.ts). */
const printRecord = () =>
  browser().execute(() => {
    const box = document.getElementById("print-sheets");
    const rule = document.getElementById("print-page-size")?.textContent ?? "";
    return box ? { requests: Number(box.dataset.requests), pages: Number(box.dataset.pages), sheets: box.querySelectorAll("section.sheet > svg").length, rule } : { requests: 0 };
  });

/** Closes the system's print dialog if one opened (Escape, as a person would). */
async function closePrintDialog(name) {
  for (let i = 0; i < 20; i += 1) {
    const open = windowsNamed("^(Print|In)$");
    if (open.length) {
      screenShot(name);
      for (const w of open) xdotool("windowfocus", "--sync", w, "key", "--clearmodifiers", "Escape");
      await sleep(500);
      return true;
    }
    await sleep(250);
  }
  return false;
}

/**
 * Answers the system's print dialog as a person would: the printer "Print
 * to File" (GTK's own, always there; "In ra tập tin" in Vietnamese), then
 * Print. GTK writes output.pdf into the home folder; gives back its path.
 */
async function printToFile(name) {
  // GTK names it output.pdf, in the Documents folder, else the app's working
  // folder (here the runner's: tauri-driver starts the app there).
  const places = [join(homedir(), "Documents"), process.cwd(), homedir()].map((d) => join(d, "output.pdf"));
  for (const p of places) rmSync(p, { force: true });
  let w = [];
  for (let i = 0; i < 40 && !w.length; i += 1) {
    await sleep(250);
    w = windowsNamed("^(Print|In)$");
  }
  assert.ok(w.length, "the system's print dialog opened");
  await sleep(800);
  screenShot(name);
  // Choose the printer as a person does, with the mouse: its row is the list's
  // first, under the General tab and the list's header (keys alone did not
  // select it: the list does not have the focus when the dialog opens).
  // Then Print, which GTK enables once the printer's options are loaded.
  xdotool("windowfocus", "--sync", w[0]);
  xdotool("mousemove", "--window", w[0], "84", "112", "click", "1");
  await sleep(1500);
  screenShot(`${name}-tep`);
  xdotool("windowfocus", "--sync", w[0], "key", "--clearmodifiers", "Return");
  let size = -1;
  let out = places[0];
  await until(async () => {
    out = places.find((p) => existsSync(p)) ?? out;
    const now = existsSync(out) ? statSync(out).size : -1;
    const done = now > 0 && now === size && windowsNamed("^(Print|In)$").length === 0;
    size = now;
    return done;
  }, "the print dialog printed to a file", 30_000);
  return out;
}

/** Checks the last print request: `pages` sheets of the PDF's paper. */
function assertPrinted(record, before, pdf) {
  assert.equal(record.requests, before + 1, "one print request");
  assert.equal(record.pages, pdf.pages, `the print request carries the PDF's ${pdf.pages} pages`);
  assert.equal(record.sheets, pdf.pages, "one sheet per page");
  assert.equal(record.rule, `@page { size: ${pdf.width.toFixed(2)}pt ${pdf.height.toFixed(2)}pt; margin: 0; }`, "the sheets are the PDF's paper");
}

/** The element on top at the middle of the message is the message itself. */
async function toastOnTop() {
  return browser().execute(() => {
    const t = document.getElementById("toast");
    const r = t.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    const button = Array.from(t.querySelectorAll("button")).find((b) => b.textContent === "Mở thư mục");
    const br = button?.getBoundingClientRect();
    const onButton = br && document.elementFromPoint(br.x + br.width / 2, br.y + br.height / 2);
    return { shown: !t.hidden && r.width > 0, onTop: t.contains(top), buttonOnTop: onButton === button, topIs: top?.id || top?.className || top?.tagName };
  });
}

export function printingSteps() {
  test("Ctrl+P and In: the print dialog on exactly the pages the PDF has", async () => {
    // Long enough for several pages.
    const more = Array.from({ length: 24 }, (_, i) => `Đoạn ${i + 1}. Chi bộ thôn đã quán triệt nghị quyết về văn hóa công sở đến từng đảng viên, cán bộ; mỗi người phải gương mẫu trong ứng xử với Nhân dân, giữ gìn kỷ cương và tác phong làm việc.`);
    const id = await freshArticle({ title: TITLE, body: [fullBody(await storeRedPng()), ...more].join("\n\n") });
    const out = await invoke("export_pdf", { id });
    const pdf = pdfInfo(out.path);
    assert.ok(pdf.pages >= 2, `a PDF of several pages: ${pdf.pages}`);
    const before = (await printRecord()).requests;
    await browser().keys(["Control", "p"]);
    await until(async () => (await printRecord()).requests === before + 1, "Ctrl+P asked to print", 30_000);
    // GTK's dialog, answered as a person would: Print to File, Print.
    const file = await printToFile("in-bai-ctrl-p");
    const printed = pdfInfo(file);
    assertPrinted(await printRecord(), before, pdf);
    assert.equal(printed.pages, pdf.pages, `printed on as many sheets as the PDF has pages (${pdf.pages}), one page per sheet`);
    assert.ok(Math.abs(printed.width - pdf.width) < 1 && Math.abs(printed.height - pdf.height) < 1, `on the PDF's paper: ${JSON.stringify(printed)} vs ${JSON.stringify(pdf)}`);
    lookAt(file, "in-bai-ra-tep");
    assert.equal(await text("#pages-title"), `Trang in: ${TITLE}`, "Ctrl+P shows the article's pages");
    assert.equal(await text("#pages-state"), `${pdf.pages} trang`);
    const sheets = await browser().execute(() => Array.from(document.querySelectorAll("#print-sheets svg"), (s) => s.textContent).join(" "));
    assert.ok(sheets.includes("Tăng cường văn hóa công sở") && sheets.includes("Đã vận động"), "the sheets carry the article");
    assert.equal(await browser().execute(() => getComputedStyle(document.getElementById("print-sheets")).display), "none", "the sheets print, they are not shown on screen");
    await shot("in-ctrl-p");
    // "In" in Xem trang in: the same pages again.
    await (await $("#pages-print")).click();
    await until(async () => (await printRecord()).requests === before + 2, "In asked to print", 10_000);
    assert.ok(await closePrintDialog("in-bai-nut-in"), "the print dialog opened again, and Escape closed it");
    assertPrinted(await printRecord(), before + 1, pdf);
    await browser().keys(["Escape"]);
  });

  test("bulletin composer: the top bar acts on the issue, and the export's message is on top", async () => {
    await deleteBulletins();
    await plainScreen();
    await retire((a) => a.title === TITLE || a.title === COPY);
    const photo = await storeRedPng();
    const one = await createArticle({ title: TITLE, body: fullBody(photo) });
    const two = await createArticle({ title: COPY, body: fullBody(photo) });
    const issue = await invoke("create_bulletin", { name: "Bản tin Dân vận Xuân Hồng", number: "02", date: "2026-12-01" });
    await invoke("add_to_bulletin", { id: issue.id, articles: [one, two] });
    await openByTitle(TITLE);
    await (await $("#btn-bulletin")).click();
    await waitText("#bulletin-list", (t) => t.includes("Bản tin Dân vận Xuân Hồng số 02"), "the composer shows the issue");
    await until(async () => (await $("#btn-export-pdf")).isEnabled(), "the top bar's Xuất PDF is for the issue");
    assert.equal(await (await $("#btn-export-docx")).isEnabled(), false, "Xuất Word is an article's: off in the composer");
    assert.equal(await (await $("#btn-save-as")).isEnabled(), true, "Lưu thành… saves the issue in the composer");

    // Xuất PDF in the top bar: the issue's PDF, not the article's.
    await (await $("#btn-export-pdf")).click();
    await exportPassingChecks((t) => t.startsWith("Đã xuất:") && t.includes("ban-tin-dan-van-xuan-hong-so-02.pdf"), "the top bar exported the issue");
    const file = join(env.BANTIN_EXPORT_DIR, "ban-tin-dan-van-xuan-hong-so-02.pdf");
    assert.ok(existsSync(file), "the issue's PDF is in the export folder");
    const pdf = pdfInfo(file);
    const onTop = await toastOnTop();
    // The message's text lets clicks through to what is under it; its buttons are what must be on top.
    assert.ok(onTop.shown && onTop.buttonOnTop, `the message and its Mở thư mục are on top of the composer: ${JSON.stringify(onTop)}`);
    await shot("ban-tin-xuat-thong-bao-tren-cung");

    // A dialog opened while the message shows (Cài đặt): the message, and its
    // Mở thư mục, stay above it (and clickable: inside the dialog's top layer).
    await (await $("#btn-settings")).click();
    await until(() => browser().execute(() => document.getElementById("settings").open), "Cài đặt opened");
    const overSettings = await toastOnTop();
    assert.ok(overSettings.shown && overSettings.buttonOnTop, `the message is above Cài đặt, opened after it: ${JSON.stringify(overSettings)}`);
    screenShot("thong-bao-tren-cai-dat");
    await browser().execute(() => document.getElementById("settings").close("cancel"));
    const afterSettings = await toastOnTop();
    assert.ok(afterSettings.shown && afterSettings.buttonOnTop, `and above the composer again once Cài đặt closes: ${JSON.stringify(afterSettings)}`);

    // Xem trang in and Ctrl+P in the composer: the issue's pages, as many as its PDF has.
    await (await $("#btn-pages")).click();
    await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "the issue's pages", 60_000);
    assert.equal(await text("#pages-title"), "Trang in: Bản tin Dân vận Xuân Hồng số 02", "Xem trang in shows the issue");
    await browser().keys(["Escape"]);
    const before = (await printRecord()).requests;
    await browser().keys(["Control", "p"]);
    await until(async () => (await printRecord()).requests === before + 1, "Ctrl+P asked to print the issue", 60_000);
    await closePrintDialog("in-ban-tin");
    assertPrinted(await printRecord(), before, pdf);
    await shot("in-ban-tin");
    await browser().keys(["Escape"]);
    await (await $("#btn-composer-close")).click();
    await until(async () => (await $("#btn-export-docx")).isEnabled(), "back to the article: Xuất Word is on again");
  });

  test("Lưu thành…: the system's save dialog, the name suggested, the folder remembered", async () => {
    const id = await freshArticle({ title: TITLE, body: fullBody(await storeRedPng()) });
    const chosen = join(env.BANTIN_EXPORT_DIR, "..", "noi-khac", "Báo cáo gửi huyện");
    rmSync(join(env.BANTIN_EXPORT_DIR, "..", "noi-khac"), { recursive: true, force: true });
    mkdirSync(chosen, { recursive: true });
    await browser().execute(() => localStorage.removeItem("bantin.luu-thanh.thu-muc"));

    await (await $("#btn-save-as")).click();
    await (await $("#btn-save-pdf-as")).waitForDisplayed({ timeout: 5_000 });
    await shot("luu-thanh-menu");
    await (await $("#btn-save-pdf-as")).click();
    const dialog = await answerSaveDialog("Lưu PDF thành", "luu-thanh-pdf", join(chosen, "bao-cao-thang-12"));
    assert.ok(dialog.suggested, "the dialog was there");
    await waitText("#toast", (t) => t.startsWith("Đã lưu PDF:"), "saved", 30_000);
    const pdfFile = join(chosen, "bao-cao-thang-12.pdf");
    assert.ok(existsSync(pdfFile), "the PDF is where the editor chose, .pdf added to the typed name");
    assert.equal(pdfInfo(pdfFile).pages, pdfInfo((await invoke("export_pdf", { id })).path).pages, "the same PDF as the quick export");
    assert.ok((await text("#toast")).includes("Mở thư mục"), "and it offers to open its folder");
    // Opening needs a file manager, which Xvfb has none of; what matters is that
    // the app does not refuse a file saved there as "not exported".
    const opened = await invoke("open_exported", { path: pdfFile, folder: true }).then(() => "ok", (e) => String(e?.message ?? e));
    assert.ok(!opened.includes("Không tìm thấy"), `Mở thư mục may open a file saved there: ${opened}`);
    assert.equal(await browser().execute(() => localStorage.getItem("bantin.luu-thanh.thu-muc")), chosen, "the folder is remembered");

    // Word, next: the dialog opens in the remembered folder; only a name is typed.
    await (await $("#btn-save-as")).click();
    await (await $("#btn-save-docx-as")).click();
    await answerSaveDialog("Lưu tệp Word thành", "luu-thanh-word", "bai-gui-huyen");
    await waitText("#toast", (t) => t.startsWith("Đã lưu tệp Word:"), "Word saved", 30_000);
    const docx = join(chosen, "bai-gui-huyen.docx");
    assert.ok(existsSync(docx), "the Word file is in the remembered folder");
    assert.equal(readFileSync(docx).subarray(0, 2).toString(), "PK", "a .docx (zip)");
    await shot("luu-thanh-xong");
  });
}

/**
 * Lưu thành… for an issue: the composer's button beside Xuất PDF bản tin.
 * Kiểm tra comes first, as for the quick export (the issue says it is
 * licensed and its licence lines are empty: a lỗi); Quay lại sửa asks for
 * no file; Vẫn xuất, then the save dialog opens in the folder remembered,
 * on the issue's own name, which Enter accepts.
 */
export function bulletinSaveAsSteps() {
  test("Lưu thành… for an issue: Kiểm tra first, then the save dialog on the issue's name, in the folder remembered", async () => {
    await deleteBulletins();
    await plainScreen();
    await retire((a) => a.title === TITLE || a.title === COPY);
    const photo = await storeRedPng();
    const one = await createArticle({ title: TITLE, body: fullBody(photo) });
    const two = await createArticle({ title: COPY, body: fullBody(photo) });
    const issue = await invoke("create_bulletin", { name: "Bản tin Dân vận Xuân Hồng", number: "12", date: "2026-12-01" });
    await invoke("add_to_bulletin", { id: issue.id, articles: [one, two] });
    await invoke("update_bulletin", { bulletin: { ...(await invoke("get_bulletin", { id: issue.id })), licensed: true } });
    const folder = join(env.BANTIN_EXPORT_DIR, "..", "ban-tin-da-luu");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    await browser().execute((f) => localStorage.setItem("bantin.luu-thanh.thu-muc", f), folder);
    await openByTitle(TITLE);
    await (await $("#btn-bulletin")).click();
    await waitText("#bulletin-list", (t) => t.includes("Bản tin Dân vận Xuân Hồng số 12"), "the composer shows the issue");
    await until(async () => (await $("#btn-bulletin-save-as")).isEnabled(), "the composer's Lưu thành… is on");

    const checks = await $("#export-checks");
    await (await $("#btn-bulletin-save-as")).click();
    await checks.waitForDisplayed({ timeout: 20_000 });
    assert.ok((await text("#export-checks")).includes("giấy phép"), "Kiểm tra shows the issue's lỗi before asking where to save");
    await (await $("#export-checks-back")).click();
    await until(async () => !(await checks.isDisplayed()), "Quay lại sửa closes the list");
    await sleep(1000);
    assert.equal(windowsNamed("Lưu PDF bản tin thành").length, 0, "Quay lại sửa: no save dialog");

    await (await $("#btn-bulletin-save-as")).click();
    await checks.waitForDisplayed({ timeout: 20_000 });
    await (await $("#export-checks-go")).click();
    let w = [];
    for (let i = 0; i < 40 && !w.length; i += 1) {
      await sleep(250);
      w = windowsNamed("Lưu PDF bản tin thành");
    }
    assert.ok(w.length, "Vẫn xuất: the system's save dialog opened");
    await sleep(800);
    screenShot("ban-tin-luu-thanh");
    // The suggested name in the remembered folder: Enter keeps both.
    xdotool("windowfocus", "--sync", w[0], "key", "--clearmodifiers", "Return");
    await waitText("#toast", (t) => t.startsWith("Đã lưu PDF:"), "the issue saved", 60_000);
    const file = join(folder, "ban-tin-dan-van-xuan-hong-so-12.pdf");
    assert.ok(existsSync(file), `the issue's PDF, under its own name, in the folder remembered: ${await text("#toast")}`);
    const saved = pdfInfo(file);
    assert.ok((await text("#toast")).includes(`(${saved.pages} trang)`), "the message gives its pages");
    assert.ok(Math.abs(saved.width - 595.28) < 1 && Math.abs(saved.height - 841.89) < 1, `on the issue's A4: ${JSON.stringify(saved)}`);
    assert.deepEqual(readdirSync(folder), ["ban-tin-dan-van-xuan-hong-so-12.pdf"], "no temporary file left beside it");
    const opened = await invoke("open_exported", { path: file, folder: true }).then(() => "ok", (e) => String(e?.message ?? e));
    assert.ok(!opened.includes("Không tìm thấy"), `Mở thư mục may open the issue saved there: ${opened}`);
    lookAt(file, "ban-tin-luu-thanh");
    await shot("ban-tin-luu-thanh-xong");
    await (await $("#btn-composer-close")).click();
  });
}

/**
 * Waits for the system's save dialog titled `title`, photographs the screen,
 * reads the name it suggests, types `answer` in the name field and presses Enter.
 */
async function answerSaveDialog(title, name, answer) {
  let w = [];
  for (let i = 0; i < 40 && !w.length; i += 1) {
    await sleep(250);
    w = windowsNamed(title);
  }
  assert.ok(w.length, `the system's dialog "${title}" opened`);
  await sleep(800);
  screenShot(name);
  xdotool("windowfocus", "--sync", w[0]);
  xdotool("key", "--clearmodifiers", "ctrl+a");
  xdotool("type", "--delay", "20", answer);
  await sleep(300);
  xdotool("key", "--clearmodifiers", "Return");
  return { suggested: true };
}
