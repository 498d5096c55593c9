// The first day: a new library asks for Thông tin đơn vị in one short step;
// a warning about a field left empty says what is missing and opens Cài đặt
// on it; Esc in Cài đặt loses nothing typed; the report printed afterwards
// has every block. And Soạn is set in the print template's size and indent.
// Runs first: the session starts on a new library with the step open
// (lib/session.mjs waits for it; plainScreen closes it for other steps).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { browser, env } from "../lib/session.mjs";
import { $, shot, text, until, waitText } from "../lib/ui.mjs";
import { freshArticle, invoke, writtenSince } from "../lib/library.mjs";

const TITLE = "Báo cáo kết quả văn hóa công sở thôn Lạc Nam";
const BODY = "Chi bộ thôn đã họp bàn về văn hóa công sở; mỗi đảng viên phải gương mẫu.";
/** Typed in the first-start step: everything but the superior body. */
const ORG = { co_quan: "Chi bộ thôn Lạc Nam", ky_hieu: "CB", dia_danh: "Xuân Hồng", tm: "T/M CHI BỘ", chuc_vu_ky: "BÍ THƯ", nguoi_ky: "Nguyễn Văn An" };
/** Typed in Cài đặt, then Esc at once. */
const LATER = { cap_tren: "Đảng bộ xã Xuân Hồng", dia_chi: "Thôn Lạc Nam, xã Xuân Hồng", email: "chibo.lacnam@example.vn", dien_thoai: "0228 3 812 345" };

const profile = async () => (await invoke("get_profile")).fields;
const isOpen = (id) => browser().execute((id) => document.getElementById(id).open, id);

/** The computed font size and first-line indent of Soạn's first paragraph, in px. */
const surfaceLook = () =>
  browser().execute(() => {
    const p = getComputedStyle(document.querySelector(".surface .ProseMirror p"));
    return { size: parseFloat(p.fontSize), indent: parseFloat(p.textIndent), template: document.getElementById("surface").dataset.template };
  });
const PT = 96 / 72;
const MM = 96 / 25.4;

export function firstDaySteps() {
  test("first start: Thông tin đơn vị with empty fields, examples under them; Để sau keeps what was typed", async () => {
    await until(() => isOpen("first-start"), "a new library opens with the Thông tin đơn vị step", 20_000);
    const fields = await browser().execute(() =>
      Array.from(document.querySelectorAll("#first-start [data-profile]"), (i) => ({
        name: i.name,
        value: i.value,
        placeholder: i.getAttribute("placeholder"),
        hint: i.getAttribute("aria-describedby") ? document.getElementById(i.getAttribute("aria-describedby")).textContent : "",
      })),
    );
    assert.deepEqual(
      fields.map((f) => f.name),
      ["cap_tren", "co_quan", "ky_hieu", "dia_danh", "tm", "chuc_vu_ky", "nguoi_ky", "noi_nhan"],
      "asks for what a report prints",
    );
    assert.ok(
      fields.every((f) => f.value === "" && f.placeholder === null),
      "empty fields look empty: no placeholder",
    );
    assert.equal(fields[0].hint, "Ví dụ: ĐẢNG BỘ XÃ XUÂN HỒNG", "the example is a hint under the field");
    assert.equal(await browser().execute(() => document.activeElement.name), "cap_tren", "typing starts in the first field");
    await shot("lan-dau-thong-tin-don-vi");
    for (const [key, value] of Object.entries(ORG)) await (await $(`#first-start [name='${key}']`)).setValue(value);
    await (await $("#btn-first-start-later")).click();
    await until(async () => !(await isOpen("first-start")), "Để sau closes the step");
    await until(async () => {
      const p = await profile();
      return Object.entries(ORG).every(([k, v]) => p[k] === v);
    }, "what was typed before Để sau is stored");
    assert.equal((await profile()).cap_tren ?? "", "", "the field left empty stays empty");
  });

  test("Soạn is set in the print template's size and indent: a report's, then an article's", async () => {
    await freshArticle({ title: TITLE, body: BODY, kind: "bao-cao" });
    await until(async () => (await surfaceLook()).template === "report/hd36-2018", "the report template's look is applied");
    let look = await surfaceLook();
    assert.ok(Math.abs(look.size - 14 * PT) < 0.05, `body 14 pt as report/hd36-2018 prints it: ${look.size}px`);
    assert.ok(Math.abs(look.indent - 12.7 * MM) < 0.05, `first-line indent 12,7 mm: ${look.indent}px`);
    await shot("soan-mau-bao-cao");
    const kind = await $("#meta [name='kind']");
    await kind.selectByAttribute("value", "tin-bai");
    await until(async () => (await surfaceLook()).template === "article/v1", "the article template's look follows the kind");
    look = await surfaceLook();
    assert.ok(Math.abs(look.size - 13 * PT) < 0.05, `body 13 pt as article/v1 prints it: ${look.size}px`);
    assert.ok(Math.abs(look.indent - 10 * MM) < 0.05, `first-line indent 10 mm: ${look.indent}px`);
    await kind.selectByAttribute("value", "bao-cao");
    await until(async () => (await surfaceLook()).template === "report/hd36-2018", "back to the report's look");
  });

  test("a missing field is named in words and opens Cài đặt on it; Esc there loses nothing; the report has every block", async () => {
    await freshArticle({ title: TITLE, body: BODY, kind: "bao-cao" });
    await (await $("#btn-pages")).click();
    await waitText("#pages-state", (t) => /^\d+ trang$/.test(t), "report pages laid out", 60_000);
    const warning = await text("#pages-warnings");
    assert.ok(warning.includes("Chưa có tên cấp ủy cấp trên trực tiếp"), `says in words what is missing: ${warning}`);
    assert.ok(!/cap_tren|bantin /.test(warning), `no internal key, no command: ${warning}`);
    await shot("canh-bao-thieu-cap-tren");
    await (await $("#pages-warnings button[data-field='cap_tren']")).click();
    await until(() => isOpen("settings"), "Mở Cài đặt opens Cài đặt");
    assert.equal(await browser().execute(() => document.activeElement.name), "cap_tren", "focused on the missing field");
    // Several fields typed, then Esc at once: nothing is thrown away.
    await (await $("#settings [name='cap_tren']")).setValue(LATER.cap_tren);
    for (const key of ["dia_chi", "email", "dien_thoai"]) await (await $(`#settings [name='${key}']`)).setValue(LATER[key]);
    await shot("cai-dat-go-roi-esc");
    await browser().keys(["Escape"]);
    await until(async () => !(await isOpen("settings")), "Esc closes Cài đặt");
    await until(async () => {
      const p = await profile();
      return Object.entries(LATER).every(([k, v]) => p[k] === v);
    }, "every field typed before Esc is stored");
    // The pages are laid out again with the field filled in: no warning left.
    await until(
      async () => !(await text("#pages-warnings")).includes("cấp ủy cấp trên") && /^\d+ trang$/.test(await text("#pages-state")),
      "laid out again without the warning",
      60_000,
    );
    await shot("trang-in-du-thong-tin");
    await browser().keys(["Escape"]);
    const since = Date.now();
    await (await $("#btn-export-pdf")).click();
    // Kiểm tra runs before a report is exported: the one lỗi left is the
    // number this report never got ("Số -BC/"), which the editor may pass over.
    await until(async () => (await isOpen("export-checks")) || (await text("#toast")).startsWith("Đã xuất:"), "the checks or the export", 30_000);
    if (await isOpen("export-checks")) {
      console.log(`Kiểm tra trước khi xuất: ${await text("#export-checks")}`);
      await (await $("#export-checks-go")).click();
    }
    await waitText("#toast", (t) => t.startsWith("Đã xuất:"), "report exported", 30_000);
    assert.ok(!(await text("#toast")).includes("Chưa có"), "no field is missing any more");
    const pdfs = writtenSince(env.BANTIN_EXPORT_DIR, ".pdf", since);
    assert.equal(pdfs.length, 1, "one PDF in the export folder");
    const words = execFileSync("pdftotext", ["-enc", "UTF-8", join(env.BANTIN_EXPORT_DIR, pdfs[0]), "-"]).toString().replace(/\s+/g, " ");
    for (const block of [
      "ĐẢNG BỘ XÃ XUÂN HỒNG",
      "CHI BỘ THÔN LẠC NAM",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "-BC/CB",
      "Xuân Hồng, ngày",
      "BÁO CÁO",
      "mỗi đảng viên phải gương mẫu",
      "T/M CHI BỘ",
      "BÍ THƯ",
      "Nguyễn Văn An",
      "Nơi nhận",
    ])
      assert.ok(words.includes(block), `the report prints "${block}": ${words}`);
    assert.ok(!/(^|\s), ngày/.test(words), "no date line with nothing before its comma");
    await shot("bao-cao-du-khoi");
  });
}
