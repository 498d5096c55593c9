// First start; writing an article; finding it; exporting it as PDF and as an upload bundle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { browser, env } from "../lib/session.mjs";
import { $, $$, clearSearch, editorText, plainScreen, shot, text, typeInEditor, until, waitText } from "../lib/ui.mjs";
import { freshArticle, retire, writtenSince } from "../lib/library.mjs";
import { FIRST, TITLE } from "../lib/content.mjs";

export function writingSteps() {
  test("first start shows the sample library", async () => {
    await plainScreen();
    await until(async () => (await $$(".item")).length >= 3, "sample articles in the list", 20_000);
    assert.match(await text("#status-library"), /Thư viện: .*thu-vien\.bantin/);
    await shot("thu-vien-mau");
  });

  test("write a new article in Vietnamese and see it in the preview", async () => {
    await plainScreen();
    await retire((a) => a.title === TITLE);
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
    await freshArticle({ title: TITLE, body: FIRST });
    const search = await $("#search");
    await search.setValue("van hoa cong so lac nam");
    await until(
      async () => (await text("#list")).includes(TITLE) && (await browser().execute(() => document.querySelectorAll("#list mark").length)) > 0,
      "the new article is found without diacritics",
      10_000,
    );
    const marks = await browser().execute(() => Array.from(document.querySelectorAll("#list mark"), (m) => m.textContent));
    assert.ok(marks.includes("văn") && marks.includes("Lạc"), `hits are highlighted in the original spelling: ${marks}`);
    await shot("tim-khong-dau");
    await clearSearch();
  });

  test("export a PDF and find the file", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    const since = Date.now();
    await (await $("#btn-export-pdf")).click();
    await waitText("#toast", (t) => t.startsWith("Đã xuất:"), "export finished", 30_000);
    const dir = env.BANTIN_EXPORT_DIR;
    const pdfs = writtenSince(dir, ".pdf", since);
    assert.equal(pdfs.length, 1, "one PDF in the export folder");
    const file = join(dir, pdfs[0]);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), "%PDF-");
    const words = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
    assert.ok(words.includes("mỗi đảng viên phải gương mẫu"), "the PDF says what was typed");
    await shot("xuat-pdf");
  });

  test("export a Word file and find it: it opens as a .docx with the article's words", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    const since = Date.now();
    await (await $("#btn-export-docx")).click();
    await waitText("#toast", (t) => t.startsWith("Đã xuất tệp Word:"), "Word export finished", 30_000);
    const dir = env.BANTIN_EXPORT_DIR;
    const docs = writtenSince(dir, ".docx", since);
    assert.equal(docs.length, 1, "one .docx in the export folder");
    const xml = execFileSync("unzip", ["-p", join(dir, docs[0]), "word/document.xml"]).toString();
    assert.ok(xml.includes("mỗi đảng viên phải gương mẫu"), "the Word file says what was typed");
    assert.ok(xml.includes(TITLE), "and carries the title");
    await shot("xuat-word");
  });

  test("export an upload bundle and find the zip", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    const since = Date.now();
    await (await $("#btn-bundle")).click();
    await waitText("#toast", (t) => t.startsWith("Đã xuất gói tải lên:"), "bundle written", 30_000);
    const zips = writtenSince(env.BANTIN_EXPORT_DIR, ".zip", since);
    assert.equal(zips.length, 1);
    assert.match(zips[0], /^\d{4}-\d{2}-\d{2}-tang-cuong-van-hoa-cong-so-o-thon-lac-nam\.zip$/);
    const listing = execFileSync("unzip", ["-l", join(env.BANTIN_EXPORT_DIR, zips[0])]).toString();
    for (const f of ["manifest.json", "article.html", "article.md", "index.md", "article.pdf"]) assert.ok(listing.includes(f), f);
    await shot("goi-tai-len");
  });
}
