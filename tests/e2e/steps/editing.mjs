// Writing as editors do: pasting from Word and pasting photos, the toolbar,
// Ctrl+F find and replace, Unikey-style typing. The paste and toolbar step
// checks the Markdown the Mã nguồn view gets (the surface has its own steps
// in surface.mjs); Unikey-style typing is checked in both views.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "../lib/session.mjs";
import { $, $$, editorText, paste, shot, text, typeInEditor, until, useSource, useSurface, waitText } from "../lib/ui.mjs";
import { freshArticle, savedBody } from "../lib/library.mjs";
import { FIRST, PASTED, TITLE } from "../lib/content.mjs";

export function editingSteps() {
  test("Mã nguồn: paste from Word becomes clean Markdown; pasted images are stored; the toolbar formats", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    await useSource();
    await typeInEditor(" ");
    await paste({
      html: `<html><head><style>p{mso-style:x}</style><script>document.title="hỏng"</script></head><body><!--StartFragment-->
        <h2>Kết quả thực hiện</h2><p class=MsoNormal style="font-family:'Times New Roman'">Đã vận động <b>120 hộ</b> tham gia<o:p></o:p></p>
        <ul><li>Thôn Lạc Nam</li><li>Thôn Xuân Hòa</li></ul>
        <table><tr><td>Thôn</td><td>Số hộ</td></tr><tr><td>Lạc Nam</td><td>70</td></tr></table><!--EndFragment--></body></html>`,
    });
    await until(async () => (await editorText()).includes("| Lạc Nam | 70 |"), "the table arrived as Markdown");
    const body = await editorText();
    for (const part of ["## Kết quả thực hiện", "Đã vận động **120 hộ** tham gia", "- Thôn Lạc Nam\n- Thôn Xuân Hòa"]) assert.ok(body.includes(part), `editor has ${JSON.stringify(part)}:\n${body}`);
    assert.ok(!body.includes("mso") && !body.includes("script") && !body.includes("<"), "no Word or HTML markup left");
    assert.notEqual(await browser().getTitle(), "hỏng", "nothing in the pasted HTML ran");
    await waitText("#preview", (t) => t.includes("Kết quả thực hiện") && t.includes("Xuân Hòa"), "the preview shows the pasted text");
    assert.equal(await browser().execute(() => document.querySelectorAll("#preview table tr").length), 2);

    await paste({ file: "png" });
    await until(async () => /!\[Chú thích ảnh\]\(asset:[0-9a-f]{64}\)/.test(await editorText()), "the image is referenced as an asset", 10_000);
    // The caption is selected: typing replaces it.
    await (await $(".cm-content")).addValue("Hội nghị chi bộ tháng 11");
    await until(
      async () =>
        browser().execute(() => {
          const img = document.querySelector("#preview figure img");
          return Boolean(img && img.complete && img.naturalWidth === 320 && document.querySelector("#preview figcaption")?.textContent.includes("Hội nghị chi bộ tháng 11"));
        }),
      "the preview shows the stored image with its caption",
      10_000,
    );

    await paste({ file: "broken" });
    await waitText("#toast", (t) => t.startsWith("Không mở được ảnh \"anh-hong.png\": tệp") && t.includes("bị hỏng") && t.includes("Hãy chọn ảnh khác."), "a broken image is refused in Vietnamese");
    assert.equal((await editorText()).match(/asset:/g).length, 1, "nothing was inserted for the broken image");

    // Toolbar: bold with nothing selected, typed over, then the line numbered.
    await typeInEditor("\uE007\uE007Ghi chú "); // Enter twice: a new paragraph
    await (await $("#toolbar button[data-cmd='bold']")).click();
    await (await $(".cm-content")).addValue("quan trọng");
    await (await $("#toolbar button[data-cmd='numbered']")).click();
    await browser().waitUntil(async () => (await editorText()).includes("1. Ghi chú **quan trọng**"), { timeout: 5_000, timeoutMsg: `toolbar formatting: ${await editorText()}` });
    await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "pasted work autosaved", 20_000);
    await shot("dan-tu-word-va-anh");
  });

  test("Soạn: Ctrl+F finds and replaces in the article, in Vietnamese", async () => {
    // The article as the paste left it: one table whose head says "Số hộ".
    await freshArticle({ title: TITLE, body: `${FIRST}\n\n${PASTED}` });
    // Ctrl+F typed into Soạn (Element Send Keys: \uE009 holds Control): the find bar above the page.
    await (await $(".surface .ProseMirror")).addValue("\uE009f\uE009");
    const find = await $(".find-bar input[name='search']");
    await find.waitForDisplayed({ timeout: 5_000 });
    assert.equal(await find.getAttribute("placeholder"), "Tìm");
    assert.ok(await find.isFocused(), "the cursor is in the find field");
    const labels = await text(".find-bar");
    for (const w of ["Tiếp", "Trước", "Khớp chữ hoa", "Thay", "Thay tất cả"]) assert.ok(labels.includes(w), `the bar says "${w}": ${labels}`);
    await find.setValue("Số hộ");
    await waitText(".find-bar .find-count", (t) => t === "1 chỗ", "the bar counts the matches");
    assert.equal(await browser().execute(() => document.querySelectorAll(".surface .ProseMirror-search-match").length), 1, "the match is marked in the text");
    await (await $(".find-bar input[name='replace']")).setValue("Số hộ gia đình");
    await shot("soan-tim-va-thay");
    await (await $(".find-bar button[name='replaceAll']")).click();
    await until(async () => (await text(".surface .ProseMirror th:nth-child(2)")) === "Số hộ gia đình", "replaced in the table's head");
    assert.equal((await editorText()).match(/Số hộ/g).length, 1, "the one match was replaced, nothing else");
    await browser().keys(["Escape"]);
    await until(async () => !(await (await $(".find-bar")).isDisplayed()), "Escape closes the bar");
    await until(async () => (await savedBody(TITLE)).includes("| Thôn | Số hộ gia đình |"), "the replacement is saved", 20_000);
  });

  test("Mã nguồn: Ctrl+F finds and replaces in the article, in Vietnamese", async () => {
    // The article as the paste left it: one table whose head says "Số hộ".
    await freshArticle({ title: TITLE, body: `${FIRST}\n\n${PASTED}` });
    await useSource();
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
    await until(async () => (await editorText()).includes("| Thôn | Số hộ gia đình |"), "replaced in the text");
    assert.equal((await editorText()).match(/Số hộ/g).length, 1, "the one match was replaced, nothing else");
    await browser().keys(["Escape"]);
    await until(async () => (await $$(".cm-search")).length === 0, "Escape closes the panel");
    await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "the replacement is saved", 20_000);
  });

  test("a long article: typing at its end keeps the cursor in sight, in Soạn and in Mã nguồn", async () => {
    const paragraph = "Chi bộ thôn Lạc Nam tổ chức hội nghị quán triệt nghị quyết về văn hóa công sở, mỗi đảng viên gương mẫu trong ứng xử với Nhân dân.";
    await freshArticle({ title: "Bài dài để gõ ở cuối", body: Array.from({ length: 80 }, (_, k) => `Đoạn ${k + 1}: ${paragraph}`).join("\n\n") });
    // The pane the editor sees (the box on screen) and the element that scrolls in it.
    for (const [view, use, pane, scroller] of [["Soạn", useSurface, ".editor > .surface", ".editor > .surface"], ["Mã nguồn", useSource, ".editor > .source", ".editor > .source .cm-scroller"]]) {
      await use();
      await browser().execute((scroller) => { document.querySelector(scroller).scrollTop = 0; }, scroller);
      // Words of this view's own, so the check finds these and not the other view's.
      const words = `Hết bài ở ${view}.`;
      await typeInEditor(` ${words}`);
      await until(async () => (await editorText()).includes(words), `${view}: the words arrived`);
      await browser().execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // Where the words just typed are drawn, against the pane that shows the text.
      const seen = await browser().execute((pane, words) => {
        const box = document.querySelector(pane);
        const p = box.getBoundingClientRect();
        const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const at = n.data.indexOf(words);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + words.length);
          const w = r.getBoundingClientRect();
          return { paneTop: p.top, paneBottom: p.bottom, wordsTop: w.top, wordsBottom: w.bottom };
        }
        return { paneTop: p.top, paneBottom: p.bottom, drawn: false };
      }, pane, words);
      assert.ok(seen.wordsTop >= seen.paneTop && seen.wordsBottom <= seen.paneBottom, `${view}: the words typed at the end are in sight: ${JSON.stringify(seen)}`);
      await shot(`go-o-cuoi-${view === "Soạn" ? "soan" : "ma-nguon"}`);
    }
    await useSurface();
  });
}

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

export function unikeySteps() {
  for (const [view, use] of [["Soạn", useSurface], ["Mã nguồn", useSource]]) unikeyStep(view, use);
}

function unikeyStep(view, use) {
  test(`${view}: Unikey-style typing (Backspace, then the composed letter) keeps every letter once`, async () => {
    // An article that ends in a numbered list, as the paste step leaves it.
    await freshArticle({ title: TITLE, body: `${FIRST}\n\n1. Ghi chú **quan trọng**` });
    await use();
    await typeInEditor("\uE007\uE007"); // a new paragraph at the end (Enter on the empty item ends the list)
    await typeInEditor(UNIKEY_KEYS);
    const count = (hay, needle) => hay.split(needle).length - 1;
    await browser().waitUntil(async () => (await editorText()).includes(UNIKEY_SENTENCE), {
      timeout: 5_000,
      timeoutMsg: `the editor shows “${UNIKEY_SENTENCE}”: ${JSON.stringify(await editorText())}`,
    });
    // The article ends in a numbered list, so Enter may continue it: "2. ".
    const unmark = (l) => l.trim().replace(/^(\d+\.|[-*])\s+/, "");
    const lines = (await editorText()).split("\n").map(unmark).filter(Boolean);
    assert.equal(lines.at(-1), UNIKEY_SENTENCE, "the last paragraph is exactly the sentence: nothing lost, nothing doubled");
    assert.equal(count(await editorText(), UNIKEY_SENTENCE), 1);
    await waitText("#preview", (t) => t.includes(UNIKEY_SENTENCE), "the preview shows the sentence");
    const paras = await browser().execute((s) => Array.from(document.querySelectorAll("#preview p, #preview li"), (p) => p.textContent.trim()).filter((t) => t.includes(s)), UNIKEY_SENTENCE);
    assert.deepEqual(paras, [UNIKEY_SENTENCE], "the preview has one paragraph (or list item), exactly the sentence");
    assert.equal(count(await text("#preview"), UNIKEY_SENTENCE), 1);
    await until(async () => (await savedBody(TITLE)).includes(UNIKEY_SENTENCE), "autosave stored the sentence", 20_000);
    await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 20_000);
    const body = await savedBody(TITLE);
    const saved = body.split("\n").map(unmark).filter(Boolean);
    assert.equal(saved.at(-1), UNIKEY_SENTENCE, `the saved article ends with exactly the sentence: ${JSON.stringify(body.slice(-80))}`);
    assert.equal(count(body, UNIKEY_SENTENCE), 1);
    await shot(view === "Soạn" ? "go-unikey-soan" : "go-unikey-ma-nguon");
  });
}
