import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  changesFrom,
  chosenTemplate,
  copyName,
  display,
  fieldsFor,
  formatNumber,
  paperOf,
  parseInput,
  readValue,
  withTemplate,
} from "./template-form";

// The values of report/hd36-2018 as the core hands them to the form (a part).
const report = {
  name: "report/hd36-2018",
  title: "Văn bản của Đảng theo Hướng dẫn 36-HD/VPTW (2018)",
  page: { paper: { width_mm: 210, height_mm: 297 }, margins: { top_mm: 25, bottom_mm: 25, left_mm: 35, right_mm: 15 }, double_sided: false },
  text: { body_size: 14, leading: 1.25, first_indent_mm: 12.7, heading_sizes: [14, 14, 14, 14, 14, 14] },
  page_numbers: { from_page: 2, at: "top", from_edge_mm: 10, size: 14 },
};

const field = (kind: "report" | "article" | "bulletin", path: string) => fieldsFor(kind).find((f) => f.path === path)!;

describe("template form", () => {
  it("reads a template's numbers into the form with a decimal comma", () => {
    const indent = field("report", "text.first_indent_mm");
    expect(indent.unit).toBe("mm");
    expect(display(indent, readValue(report, indent.path))).toBe("12,7");
    expect(display(field("report", "page.margins.left_mm"), readValue(report, "page.margins.left_mm"))).toBe("35");
    expect(readValue(report, "text.heading_sizes.0")).toBe(14);
    expect(display(field("report", "page.double_sided"), false)).toBe(false);
    expect(readValue(report, "page.margins.gutter_mm")).toBeUndefined();
    expect(formatNumber(12.699999809265137)).toBe("12,7");
  });

  it("turns typed values back into the changes the core applies", () => {
    const left = field("report", "page.margins.left_mm");
    expect(parseInput(left, " 30 ")).toEqual({ value: 30 });
    expect(parseInput(left, "27,5")).toEqual({ value: 27.5 });
    expect(parseInput(left, "ba mươi")).toHaveProperty("error");
    expect(parseInput(left, "")).toHaveProperty("error");
    expect(parseInput(field("report", "page_numbers.from_page"), "1,5")).toHaveProperty("error");
    expect(parseInput(field("report", "page.double_sided"), true)).toEqual({ value: true });
    const values = {
      "page.margins.left_mm": 30,
      "page.margins.right_mm": 15,
      "text.first_indent_mm": 12.7000001,
      "page_numbers.at": "bottom",
      name: "report/hd36-2018-xa",
    };
    expect(changesFrom(report, values)).toEqual([
      ["page.margins.left_mm", 30],
      ["page_numbers.at", "bottom"],
      ["name", "report/hd36-2018-xa"],
    ]);
  });

  it("shows the numbers each kind of template has", () => {
    const paths = (k: "report" | "article" | "bulletin") => fieldsFor(k).map((f) => f.path);
    expect(paths("report")).toContain("report.type_name_size");
    expect(paths("report")).not.toContain("article.title_size");
    expect(paths("article")).toContain("article.title_size");
    expect(paths("bulletin")).toContain("bulletin.large.margins.left_mm");
    expect(paths("bulletin")).not.toContain("page.margins.left_mm");
    for (const k of ["report", "article", "bulletin"] as const) {
      expect(new Set(paths(k)).size).toBe(paths(k).length);
      for (const f of fieldsFor(k)) expect(f.label).toMatch(/\S/);
    }
  });

  it("offers the blocks each kind prints as yes/no boxes", () => {
    const shown = (k: "report" | "article" | "bulletin") =>
      fieldsFor(k)
        .filter((f) => f.group === "Các phần được in")
        .map((f) => [f.path, f.unit]);
    expect(shown("article")).toEqual([
      ["article.show.lead", "bool"],
      ["article.show.author", "bool"],
      ["article.show.captions", "bool"],
      ["article.show.footnotes", "bool"],
    ]);
    expect(shown("report").map(([p]) => p)).toEqual(["report.show.national_title", "report.show.recipients", "report.show.signature"]);
    expect(shown("bulletin").map(([p]) => p)).toEqual(["bulletin.show.contents", "bulletin.show.colophon", "bulletin.show.page_numbers"]);
    const lead = field("article", "article.show.lead");
    expect(display(lead, readValue({ article: { show: { lead: true } } }, lead.path))).toBe(true);
    expect(parseInput(lead, false)).toEqual({ value: false });
    expect(changesFrom({ article: { show: { lead: true } } }, { "article.show.lead": false })).toEqual([["article.show.lead", false]]);
  });

  it("offers the bulletin's masthead, contents and colophon gaps", () => {
    const gaps = fieldsFor("bulletin").filter((f) => f.path.startsWith("bulletin.spacing."));
    expect(gaps.length).toBeGreaterThanOrEqual(6);
    for (const g of gaps) expect(g.unit).toBe("times");
    expect(gaps.map((g) => g.path)).toContain("bulletin.spacing.colophon_pad_em");
  });

  it("names only fields the shipped files have", () => {
    const files = { report: "report-hd36-2018.yaml", article: "article.yaml", bulletin: "bulletin.yaml" } as const;
    for (const [kind, file] of Object.entries(files)) {
      const text = readFileSync(new URL(`../../assets/templates/${file}`, import.meta.url), "utf8");
      for (const f of fieldsFor(kind as keyof typeof files)) {
        const leaf = f.path.split(".").filter((k) => !/^\d+$/.test(k)).pop()!;
        expect(text, `${kind}: ${f.path}`).toMatch(new RegExp(`\\b${leaf}:`));
      }
    }
  });

  it("knows the usual papers and names a copy that is free", () => {
    expect(paperOf(210, 297)).toBe("a4");
    expect(paperOf(190, 270)).toBe("19x27");
    expect(paperOf(200, 297)).toBe("khac");
    expect(copyName("report/hd36-2018", ["report/hd36-2018"])).toBe("report/hd36-2018-xa");
    expect(copyName("report/hd36-2018", ["report/hd36-2018-xa", "report/hd36-2018-xa-2"])).toBe("report/hd36-2018-xa-3");
  });

  it("keeps an article's template choice in its front matter", () => {
    expect(chosenTemplate({ mau_trinh_bay: " report/xa " })).toBe("report/xa");
    expect(chosenTemplate({ template: "report/a", mau_trinh_bay: "report/b" })).toBe("report/a");
    expect(chosenTemplate({})).toBe("");
    expect(withTemplate({ so_hieu: "12-BC/CB", mau_trinh_bay: "x" }, "report/xa")).toEqual({ so_hieu: "12-BC/CB", template: "report/xa" });
    expect(withTemplate({ template: "report/xa" }, "")).toEqual({});
  });
});
