// Lịch sử an editor can read: a restore that says which Thuộc tính it
// changes and that Ctrl+Z takes back; the library at 1366 px with titles on
// two lines, the search hit shown and title matches first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "../lib/session.mjs";
import { $, $$, editorText, openByTitle, plainScreen, shot, text, until, waitText } from "../lib/ui.mjs";
import { createArticle, invoke, retire, updateArticle } from "../lib/library.mjs";
import { FIRST, SECOND } from "../lib/content.mjs";

const REPORT = "Báo cáo kết quả vận động hiến đất làm đường ở thôn Lạc Nam";
const LONG = "Thôn Lạc Nam: mô hình “Dân vận khéo” vận động Nhân dân hiến đất, góp công làm mới đường giao thông nông thôn";

/** The numbers of the revisions listed in Lịch sử. */
const listed = () => browser().execute(() => Array.from(document.querySelectorAll("#history-list button.rev"), (b) => Number(b.dataset.n)));

export function historySteps() {
  test("restore says which metadata it changes, and Ctrl+Z undoes it", async () => {
    await plainScreen();
    await retire((a) => a.title === REPORT);
    const id = await createArticle({ title: REPORT, body: FIRST, kind: "bao-cao" });
    const older = (await invoke("get_article", { id })).revision;
    await updateArticle(id, { body: FIRST + SECOND, status: "da-duyet", date: "2026-11-24", extra: { so_hieu: "15-BC/CB" } });
    await openByTitle(REPORT);
    await (await $("button[data-tab='history']")).click();
    await until(async () => (await listed()).includes(older), "Lịch sử lists the older revision", 10_000);
    // Each line says how long the article was and what changed, not its size in bytes.
    const lines = await text("#history-list");
    assert.match(lines, /\d+ từ/, lines);
    assert.ok(lines.includes("Trạng thái: Nháp → Đã duyệt"), lines);
    assert.ok(!lines.includes("byte"), lines);
    await (await $(`#history-list button[data-n='${older}']`)).click();
    await waitText("#history-diff", (t) => t.includes("Thêm đoạn sửa đổi"), "what changed since then, in words");
    await (await $("#btn-restore")).click();
    await until(async () => browser().execute(() => document.querySelector("#restore-ask")?.open), "the restore asks first");
    const asked = await text("#restore-ask-list");
    for (const line of ["Trạng thái: Đã duyệt → Nháp", "Ngày: 24/11/2026 → (trống)", "Số, ký hiệu: 15-BC/CB → (trống)", "Nội dung: bỏ 7 từ viết sau phiên bản này"])
      assert.ok(asked.includes(line), `the question lists “${line}”:\n${asked}`);
    await shot("khoi-phuc-hoi-truoc");
    await (await $("#restore-ask-yes")).click();
    await waitText("#toast", (t) => t.startsWith(`Đã khôi phục phiên bản ${older}`) && t.includes("Trạng thái: Đã duyệt → Nháp"), "restored, saying what changed");
    assert.equal(await (await $("#meta [name='status']")).getValue(), "nhap");
    assert.ok(!(await editorText()).includes("Thêm đoạn sửa đổi"), "the later words are gone");
    assert.ok((await text("#toast")).includes("Hoàn tác"), "the message offers Hoàn tác");
    await shot("khoi-phuc-hoan-tac");
    const restored = (await invoke("get_article", { id })).revision;
    await browser().keys(["Control", "z"]);
    await waitText("#toast", (t) => t.startsWith("Đã hoàn tác"), "Ctrl+Z takes the restore back");
    await until(async () => (await editorText()).includes("Thêm đoạn sửa đổi"), "the words are back");
    assert.equal(await (await $("#meta [name='status']")).getValue(), "da-duyet");
    const now = await invoke("get_article", { id });
    assert.equal(now.revision, restored + 1, "the undo is a new revision");
    assert.deepEqual([now.status, now.date, now.extra.so_hieu], ["da-duyet", "2026-11-24", "15-BC/CB"]);
    const history = await invoke("article_history", { id });
    assert.deepEqual(
      history.map((r) => r.number),
      Array.from({ length: now.revision }, (_, i) => i + 1),
      "every revision is kept",
    );
    await until(async () => (await listed()).includes(now.revision), "Lịch sử lists the undo", 10_000);
    await shot("hoan-tac-khoi-phuc");
  });

  test("the library at 1366 px: two-line titles, the search hit, title matches first", async () => {
    await plainScreen();
    await retire((a) => a.title === LONG);
    await createArticle({ title: LONG, body: "Chi bộ họp tại nhà văn hóa thôn để bàn cách làm." });
    await openByTitle(LONG);
    const row = await browser().execute((t) => {
      const title = Array.from(document.querySelectorAll("#list .item-title")).find((e) => e.textContent === t);
      const r = title.getBoundingClientRect();
      return { height: r.height, lineHeight: parseFloat(getComputedStyle(title).lineHeight), width: window.innerWidth, clipped: title.scrollHeight > title.clientHeight + 1 };
    }, LONG);
    assert.equal(row.width, 1366);
    assert.ok(row.height > row.lineHeight * 1.5, `the long title takes two lines: ${JSON.stringify(row)}`);
    assert.ok(row.height < row.lineHeight * 2.5, `at most two: ${JSON.stringify(row)}`);
    await shot("thu-vien-1366");
    await (await $("#search")).setValue("văn hoá lac nam");
    await until(async () => (await $$("#list .item.hit")).length > 0, "search hits are listed");
    const hits = await browser().execute(() =>
      Array.from(document.querySelectorAll("#list .item"))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((e) => ({ title: e.querySelector(".item-title").textContent, marks: Array.from(e.querySelectorAll(".item-snippet mark"), (m) => m.textContent) })),
    );
    assert.ok(/Lạc Nam/.test(hits[0].title), `a title with “Lạc Nam” comes first: ${JSON.stringify(hits)}`);
    const bodyHit = hits.find((h) => h.title === LONG);
    assert.ok(bodyHit?.marks.some((m) => /văn|hóa/i.test(m)), `the snippet shows the words found: ${JSON.stringify(bodyHit)}`);
    await shot("tim-lac-nam");
  });
}
