import { describe, expect, it } from "vitest";
import { lookProperties } from "./surface-look";
import type { PageLook } from "./api";

const report: PageLook = {
  template: "report/hd36-2018",
  font_family: "Liberation Serif",
  body_pt: 14,
  leading: 1.25,
  first_indent_mm: 12.7,
  para_space_pt: 6,
  heading_pt: [14, 14, 14, 14, 14, 14],
  text_width_mm: 160.00001,
  list_indent_mm: 8,
  quote_indent_mm: 10,
  table_pt: 13,
  caption_pt: 13,
  footnote_pt: 11,
};

describe("lookProperties", () => {
  it("gives the surface the template's sizes in pt and lengths in mm", () => {
    const p = lookProperties(report);
    expect(p["--page-size"]).toBe("14pt");
    expect(p["--page-indent"]).toBe("12.7mm");
    expect(p["--page-leading"]).toBe("1.25");
    expect(p["--page-text-width"]).toBe("160mm");
    expect(p["--page-h1"]).toBe("14pt");
    expect(p["--page-h6"]).toBe("14pt");
    expect(p["--page-table-size"]).toBe("13pt");
    expect(p["--page-footnote-size"]).toBe("11pt");
  });

  it("differs for an article, whose template sets it smaller with larger headings", () => {
    const p = lookProperties({ ...report, template: "article/v1", body_pt: 13, first_indent_mm: 10, heading_pt: [16, 14, 13, 13, 13, 13] });
    expect(p["--page-size"]).toBe("13pt");
    expect(p["--page-indent"]).toBe("10mm");
    expect(p["--page-h1"]).toBe("16pt");
    expect(p["--page-h2"]).toBe("14pt");
  });

  it("names the font that prints first, with serif fallbacks, and cannot break out of its quotes", () => {
    expect(lookProperties(report)["--page-font"]).toBe(`"Liberation Serif", "Times New Roman", "Liberation Serif", Tinos, serif`);
    expect(lookProperties({ ...report, font_family: 'Evil"; color: red' })["--page-font"].startsWith(`"Evil; color: red", `)).toBe(true);
    expect(lookProperties({ ...report, font_family: "" })["--page-font"]).toBe(`"Times New Roman", "Liberation Serif", Tinos, serif`);
  });
});
