// Cài đặt and Sao lưu ngay; the bulletin composer and its PDF; deleting an
// article a bulletin prints; the print pages of an article with a photo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { browser, env } from "../lib/session.mjs";
import { $, openByTitle, plainScreen, screenPixel, shot, text, until, waitText, exportPassingChecks } from "../lib/ui.mjs";
import { createArticle, deleteBulletins, freshArticle, invoke, retire, storeRedPng, writtenSince } from "../lib/library.mjs";
import { COPY, TITLE, fullBody } from "../lib/content.mjs";

/** The article TITLE and its copy COPY, alone with their titles, both with the text, the pasted part and a photo. */
async function articleAndCopy() {
  await plainScreen();
  await retire((a) => a.title === TITLE || a.title === COPY);
  const id = await createArticle({ title: TITLE, body: fullBody(await storeRedPng()) });
  const copy = await invoke("duplicate_article", { id });
  assert.equal(copy.title, COPY);
  await openByTitle(TITLE);
  return [id, copy.id];
}

export function publishingSteps() {
  test("settings: organisation profile, default author, print font, backup now", async () => {
    await plainScreen();
    await (await $("#btn-settings")).click();
    const coQuan = await $("#settings input[name='co_quan']");
    await coQuan.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await browser().execute(() => document.querySelector("#settings input[name='co_quan']").hasAttribute("placeholder")), false, "no placeholder that looks filled in");
    assert.equal(await text("#settings-co_quan-hint"), "Ví dụ: CHI BỘ THÔN LẠC NAM", "the core's example is a hint under the field");
    await coQuan.setValue("CHI BỘ THÔN LẠC NAM");
    await (await $("#settings input[name='tac_gia_mac_dinh']")).setValue("Ban Dân vận Đảng ủy xã");
    await waitText("#settings-font", (t) => t.startsWith("Khi in sẽ dùng phông "), "the print font in use is named");
    const since = Date.now();
    await (await $("#btn-backup")).click();
    await waitText("#settings-backup-result", (t) => t.startsWith("Đã sao lưu vào:"), "backup written", 20_000);
    const folder = join(env.BANTIN_EXPORT_DIR, "Sao lưu");
    const backups = writtenSince(folder, ".bantin", since);
    assert.equal(backups.length, 1);
    assert.match(backups[0], /^thu-vien-\d{4}-\d{2}-\d{2}-\d{6}\.bantin$/);
    assert.equal(readFileSync(join(folder, backups[0])).subarray(0, 15).toString(), "SQLite format 3");
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
    await deleteBulletins();
    await articleAndCopy();
    await (await $("#btn-bulletin")).click();
    await waitText("#bulletin-list-empty", (t) => t.startsWith("Chưa có bản tin nào"), "no issues yet");
    await (await $("#btn-bulletin-new")).click();
    const name = await $("#bulletin-name");
    await until(async () => (await name.getValue()) === "Bản tin Dân vận", "a new issue opens");
    assert.equal(await (await $("#bulletin-number")).getValue(), "01");
    assert.match(await (await $("#bulletin-date")).getValue(), /^\d{2}\/\d{2}\/\d{4}$/, "the issue date reads ngày/tháng/năm");
    await name.setValue("Bản tin Dân vận Xuân Hồng");
    await waitText("#bulletin-save-state", (t) => t === "Đã lưu", "masthead saved", 10_000);
    await waitText("#bulletin-list", (t) => t.includes("Bản tin Dân vận Xuân Hồng số 01"), "the issue list shows the new name");
    const add = async (title) => {
      await (await $("#bulletin-pick-search")).setValue("tang cuong");
      const b = await browser().$(`//ul[@id='bulletin-pick']/li[span[contains(@class,'t')][normalize-space(.)='${title}']]/button`);
      await b.click();
      await until(async () => (await text("#bulletin-articles")).includes(title), `"${title}" added`);
    };
    await add(TITLE);
    await add(COPY);
    const order = () => browser().execute(() => Array.from(document.querySelectorAll("#bulletin-articles .t"), (e) => e.textContent));
    assert.deepEqual(await order(), [TITLE, COPY]);
    await (await $("#bulletin-articles li:first-child button[data-act='down']")).click();
    await until(async () => (await order())[0] === COPY, "moved down");
    // And back with the keyboard: Alt+↑ on the focused article.
    await browser().execute(() => document.querySelector("#bulletin-articles li:last-child").focus());
    await browser().keys(["Alt", "ArrowUp"]);
    await until(async () => (await order())[0] === TITLE, "moved up with Alt+↑");
    await shot("ban-tin");
    await (await $("#btn-bulletin-export")).click();
    await exportPassingChecks((t) => t.startsWith("Đã xuất:") && t.includes(".pdf"), "bulletin exported");
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
    const sheets = () =>
      browser().execute(() =>
        Array.from(document.querySelectorAll("#pages-list svg.page"), (p) => [p.viewBox.baseVal.width, p.viewBox.baseVal.height, Array.from(p.querySelectorAll("text"), (t) => t.textContent).join(" ").replace(/\s+/g, " ")]),
      );
    const a4 = await sheets();
    assert.ok(a4.length >= 1 && a4.every(([w, h]) => h > w), "upright pages");
    assert.ok(a4[0][2].includes("TRONG SỐ NÀY") && a4.some((p) => p[2].includes("mỗi đảng viên phải gương mẫu")), "the masthead, contents and the articles are on the pages");
    assert.ok((await browser().execute(() => document.querySelectorAll("#pages-list svg.page image").length)) >= 1, "the photo is on the issue's pages");
    await shot("trang-in-ban-tin");
    await browser().keys(["Escape"]);
    await (await $("#bulletin-booklet")).click();
    assert.equal(await (await $("#bulletin-paper")).isEnabled(), false, "the booklet fixes the paper");
    await (await $("#btn-bulletin-pages")).click();
    await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "booklet sheets laid out", 60_000);
    const booklet = await sheets();
    assert.ok(booklet.length >= 1 && booklet.every(([w, h]) => w > h), "booklet sheets are landscape");
    await shot("trang-in-so-tay");
    await browser().keys(["Escape"]);
    await (await $("#btn-bulletin-export")).click();
    await exportPassingChecks((t) => t.includes("so-tay.pdf"), "booklet exported");
    const bookletFile = join(env.BANTIN_EXPORT_DIR, "ban-tin-dan-van-xuan-hong-so-01-so-tay.pdf");
    assert.match(pdfPages(bookletFile), /Page size:\s+841\.\d* x 595\.\d* pts/, "A4 landscape sheets");
    await (await $("#bulletin-booklet")).click();
    await (await $("#btn-composer-close")).click();
    await until(async () => !(await (await $("#composer")).isDisplayed()), "back to the editor");
  });

  test("deleting an article that a bulletin prints asks first", async () => {
    await deleteBulletins();
    const [id, copy] = await articleAndCopy();
    const issue = await invoke("create_bulletin", { name: "Bản tin Dân vận Xuân Hồng", number: "01", date: null });
    await invoke("add_to_bulletin", { id: issue.id, articles: [id, copy] });
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
    await until(async () => (await browser().execute(() => document.querySelectorAll("#bulletin-articles li").length)) === 1, "the issue lost the deleted article");
    await (await $("#btn-composer-close")).click();
    await openByTitle(TITLE);
  });

  test("see the print pages before exporting, photos included", async () => {
    await freshArticle({ title: TITLE, body: fullBody(await storeRedPng()) });
    await (await $("#btn-pages")).click();
    await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "pages laid out", 30_000);
    const pages = await browser().execute(() =>
      Array.from(document.querySelectorAll("#pages-list svg.page"), (p) => ({ w: p.getBoundingClientRect().width, h: p.getBoundingClientRect().height, text: p.textContent })),
    );
    assert.ok(pages.length >= 1 && pages.every((p) => p.w > 300 && p.h > p.w), `every page is drawn, upright, scaled to the dialog: ${JSON.stringify(pages.map((p) => [p.w, p.h]))}`);
    assert.equal(Number((await text("#pages-state")).split(" ")[0]), pages.length);
    assert.ok(pages[0].text.includes("Tăng cường văn hóa công sở"), "the first page carries the title");
    assert.equal(await browser().execute(() => document.querySelectorAll("#pages-list img, #pages-list script").length), 0, "pages are inline SVG, nothing else");
    // The photo (a plain dark red PNG) is on a page, with a size, and really
    // painted: the screen is red in its middle.
    const photo = await browser().execute(() => {
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
    await browser().keys(["Escape"]);
  });
}
