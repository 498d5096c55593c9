// Kiểm tra: the panel that follows the text, the underline in Soạn, Sửa as
// one undoable edit, and the checks before a report is exported (the lỗi
// shown, Quay lại sửa writes nothing, Vẫn xuất goes on).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser, env } from "../lib/session.mjs";
import { $, shot, sleep, text, typeInEditor, until, useSurface, waitText } from "../lib/ui.mjs";
import { freshArticle, writtenSince } from "../lib/library.mjs";

const TITLE = "Kiểm tra chính tả ở thôn Lạc Nam";
const REPORT = "Báo cáo thử kiểm tra trước khi xuất";

const surfaceText = () => browser().execute(() => document.querySelector(".surface .ProseMirror").innerText);
/** The words underlined on the surface. */
const underlined = () => browser().execute(() => Array.from(document.querySelectorAll(".surface .ProseMirror .check-mark"), (m) => m.textContent));
/** The panel's findings: [severity, text found]. */
const listed = () => browser().execute(() => Array.from(document.querySelectorAll("#checks-list li"), (li) => [li.querySelector(".sev").textContent, li.querySelector("q")?.textContent ?? ""]));

export function checksSteps() {
  test("Kiểm tra: a misspelt word typed in Soạn is underlined and listed; Sửa fixes it and Ctrl+Z undoes it", async () => {
    await freshArticle({ title: TITLE, body: "Chi bộ thôn đã họp bàn." });
    await useSurface();
    await (await $(".tabs button[data-tab='checks']")).click();
    await waitText("#checks-summary", (t) => t === "Không thấy lỗi nào trong bài.", "a clean article has no finding");
    await typeInEditor(" Tiếng vieejt rất hay.");
    await until(async () => (await underlined()).includes("vieejt"), "the slip is underlined on the surface", 10_000);
    await until(async () => (await listed()).some(([s, t]) => s === "lỗi" && t === "vieejt"), "and listed in Kiểm tra as a lỗi");
    const panel = await text("#checks-list");
    assert.ok(panel.includes("Dòng 1") && panel.includes("Telex") && panel.includes("Sửa"), panel);
    // The side tabs keep to one line in the 1366 px window, the count a badge beside "Kiểm tra".
    const tabs = await browser().execute(() =>
      Array.from(document.querySelectorAll(".side .tabs button"), (b) => {
        const r = b.getBoundingClientRect();
        return { label: b.firstChild.textContent, count: b.querySelector(".tab-count")?.textContent ?? "", top: Math.round(r.top), height: Math.round(r.height) };
      }),
    );
    assert.deepEqual(tabs.map((t) => t.label), ["Thuộc tính", "Lịch sử", "Kiểm tra"], JSON.stringify(tabs));
    assert.match(tabs[2].count, /^\d+$/, JSON.stringify(tabs));
    assert.equal(new Set(tabs.map((t) => t.top)).size, 1, `one row: ${JSON.stringify(tabs)}`);
    assert.ok(tabs.every((t) => t.height < 40), `no label wraps: ${JSON.stringify(tabs)}`);
    await shot("kiem-tra-gach-chan");

    const fix = await $("//li[.//q[normalize-space(.)='vieejt']]//button[normalize-space(.)='Sửa']");
    await fix.click();
    await until(async () => (await surfaceText()).includes("Tiếng việt rất hay."), "Sửa puts the right word in the text");
    await until(async () => !(await underlined()).includes("việt") && !(await listed()).some(([, t]) => t === "vieejt"), "and the finding goes", 10_000);
    await shot("kiem-tra-da-sua");

    // Ctrl+Z in the surface (Element Send Keys: \uE009 holds Control): the word as typed comes back, in one step.
    await (await $(".surface .ProseMirror")).addValue("\uE009z\uE009");
    await until(async () => (await surfaceText()).includes("Tiếng vieejt rất hay."), "Ctrl+Z undoes Sửa");
    await until(async () => (await underlined()).includes("vieejt"), "and the slip is underlined again", 10_000);
  });

  test("Kiểm tra: exporting a report with a lỗi shows it first; Quay lại sửa writes nothing, Vẫn xuất exports", async () => {
    await freshArticle({ title: REPORT, kind: "bao-cao", summary: "về kết quả thực hiện", body: "Chi bộ báo cáo kết quả như sau." });
    await sleep(300);
    const since = Date.now();
    await (await $("#btn-export-pdf")).click();
    const dialog = await $("#export-checks");
    await dialog.waitForDisplayed({ timeout: 10_000 });
    const shown = await text("#export-checks");
    assert.ok(shown.includes("lỗi") && shown.includes("Số, ký hiệu"), `the lỗi and where to set them:\n${shown}`);
    await shot("kiem-tra-truoc-khi-xuat");
    await (await $("#export-checks-back")).click();
    await until(async () => !(await dialog.isDisplayed()), "Quay lại sửa closes the list");
    await sleep(500);
    assert.equal(writtenSince(env.BANTIN_EXPORT_DIR, ".pdf", since).length, 0, "nothing exported");

    await (await $("#btn-export-pdf")).click();
    await dialog.waitForDisplayed({ timeout: 10_000 });
    await (await $("#export-checks-go")).click();
    await waitText("#toast", (t) => t.startsWith("Đã xuất:"), "Vẫn xuất exports the report", 30_000);
    assert.equal(writtenSince(env.BANTIN_EXPORT_DIR, ".pdf", since).length, 1, "one PDF written");
    await shot("kiem-tra-van-xuat");
  });
}
