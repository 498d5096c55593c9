// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { convertLegacyHtml, fontRuns, mayHoldLegacy, type FontRun } from "./legacy-paste";
import { importSummary, isImportable } from "./importing";

// As Word puts it on the clipboard: the Normal style's font in <style>, a
// run's own font inline, and an old <font face>.
const WORD = `<html><head><style>p.MsoNormal, li.MsoNormal {margin:0cm; font-family:".VnTime"; font-size:14pt}
  h1 {font-family:"Times New Roman"}</style></head><body>
  <p class=MsoNormal>T¨ng c\u00adêng</p>
  <p class=MsoNormal><span style='font-size:14.0pt;font-family:"VNI-Times"'>Vieät Nam</span></p>
  <h1>Tăng cường</h1>
  <p><font face=".VnTimeH">t¨ng</font> và chữ thường</p></body></html>`;

describe("paste from an old TCVN3/VNI document", () => {
  it("finds each text's font, nearest first", () => {
    const doc = new DOMParser().parseFromString(WORD, "text/html");
    const runs = fontRuns(doc).map((r) => [r.font, r.node.data.trim()]);
    expect(runs).toEqual([
      ['".VnTime"', "T¨ng c\u00adêng"],
      ['"VNI-Times"', "Vieät Nam"],
      [".VnTimeH", "t¨ng"],
    ]);
  });

  it("hands the runs to the converter and puts its answers back, soft hyphens kept on the way", async () => {
    const seen: FontRun[] = [];
    const out = await convertLegacyHtml(WORD, async (runs) => {
      seen.push(...runs);
      return runs.map((r) => (r.font.includes(".VnTime") ? "Tăng cường" : r.text));
    });
    expect(seen[0].text).toContain("\u00ad");
    expect(out).toContain("Tăng cường</p>");
    expect(out).toContain("Vieät Nam");
  });

  it("costs nothing for ordinary pastes", async () => {
    const html = `<p style="font-family:'Times New Roman'">Tăng cường</p>`;
    expect(mayHoldLegacy(html)).toBe(false);
    expect(mayHoldLegacy(WORD)).toBe(true);
    expect(await convertLegacyHtml(html, () => Promise.reject(new Error("not called")))).toBe(html);
  });
});

describe("files for the library", () => {
  it("takes Word, Markdown and text files, not photos", () => {
    expect(["bai.docx", "BAO-CAO.DOC", "tin.md", "cu.txt"].every(isImportable)).toBe(true);
    expect(["anh.jpg", "bai.pdf", "docx"].some(isImportable)).toBe(false);
  });

  it("says what came in and every warning", () => {
    expect(importSummary(["Tin một"], [])).toBe('Đã nhập bài "Tin một".');
    expect(importSummary(["A", "B"], ["Ảnh thiếu."])).toBe('Đã nhập 2 bài: "A", "B".\nẢnh thiếu.');
  });
});
