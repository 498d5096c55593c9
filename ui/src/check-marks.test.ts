// Kiểm tra's underlines on the Soạn surface: each finding's range in the
// Markdown found on the surface built from that Markdown.
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./surface-markdown";
import { locate, surfaceText } from "./check-marks";

/** The text the surface shows between the positions `locate` gives. */
function shownAt(md: string, text: string, nth = 0): string | null {
  let from = -1;
  for (let i = 0; i <= nth; i++) from = md.indexOf(text, from + 1);
  const doc = parseMarkdown(md);
  const r = locate(md, from, text, surfaceText(doc));
  return r && doc.textBetween(r[0], r[1]);
}

describe("finding ranges on the surface", () => {
  it("finds a word under bold, in a heading, a list and a table", () => {
    const md = "# Tiếng vieejt\n\nMột **vieejt** nữa.\n\n- mục vieejt\n\n| a | b |\n|---|---|\n| x | vieejt |\n";
    for (let n = 0; n < 4; n++) expect(shownAt(md, "vieejt", n)).toBe("vieejt");
    const doc = parseMarkdown(md);
    const s = surfaceText(doc);
    // The second one is the bold one: its position lies inside the second paragraph.
    const second = locate(md, md.indexOf("vieejt", md.indexOf("**")), "vieejt", s)!;
    expect(doc.resolve(second[0]).parent.textContent).toBe("Một vieejt nữa.");
  });

  it("counts whole words, so a short word is not found inside a longer one", () => {
    const md = "Bàn bạc, an toàn và an ninh.";
    const doc = parseMarkdown(md);
    const r = locate(md, md.indexOf("an ninh"), "an", surfaceText(doc))!;
    expect(doc.textBetween(r[0], r[1] + 5)).toBe("an ninh");
  });

  it("skips what the surface does not show: link targets, image sources", () => {
    const md = "Xem [trang](https://x.vn/vieejt) và vieejt.\n\n![Ảnh](vieejt.jpg)\n\nCuối vieejt.";
    const doc = parseMarkdown(md);
    const s = surfaceText(doc);
    const para = (at: number) => {
      const r = locate(md, at, "vieejt", s);
      return r && doc.resolve(r[0]).parent.textContent;
    };
    expect(para(md.indexOf("và vieejt") + 3)).toBe("Xem trang và vieejt.");
    expect(para(md.lastIndexOf("vieejt"))).toBe("Cuối vieejt.");
  });

  it("finds spaces and punctuation, and refuses a stale range", () => {
    const md = "Hai  dấu cách , rồi hết.";
    expect(shownAt(md, "  ")).toBe("  ");
    expect(shownAt(md, " ,")).toBe(" ,");
    const doc = parseMarkdown(md);
    expect(locate(md, 0, "Ba", surfaceText(doc))).toBeNull();
  });
});
