// Soạn's look from the print template: the core hands over the numbers the
// PDF is set with (font, sizes, leading, indents, text width) and they
// become CSS custom properties on the surface, which surface.css reads.
// No size is typed twice: a report shows at 14 pt with a 12,7 mm indent,
// an article at 13 pt with 10 mm, an office's own template as it prints.
import type { PageLook } from "./api";

/** The fonts tried after the one that prints, so the screen never falls back to a sans-serif. */
const FALLBACK = `"Times New Roman", "Liberation Serif", Tinos, serif`;

const pt = (n: number) => `${round(n)}pt`;
const mm = (n: number) => `${round(n)}mm`;
const round = (n: number) => Math.round(n * 100) / 100;

/** The CSS custom properties (name → value) for `look`. Pure, for tests. */
export function lookProperties(look: PageLook): Record<string, string> {
  const family = look.font_family.replace(/["\\]/g, "");
  const props: Record<string, string> = {
    "--page-font": family ? `"${family}", ${FALLBACK}` : FALLBACK,
    "--page-size": pt(look.body_pt),
    "--page-leading": String(round(look.leading)),
    "--page-indent": mm(look.first_indent_mm),
    "--page-para-space": pt(look.para_space_pt),
    "--page-text-width": mm(look.text_width_mm),
    "--page-list-indent": mm(look.list_indent_mm),
    "--page-quote-indent": mm(look.quote_indent_mm),
    "--page-table-size": pt(look.table_pt),
    "--page-caption-size": pt(look.caption_pt),
    "--page-footnote-size": pt(look.footnote_pt),
  };
  look.heading_pt.slice(0, 6).forEach((size, i) => (props[`--page-h${i + 1}`] = pt(size)));
  return props;
}

/** Sets `look` on `el` (the surface), replacing the look it had. */
export function applyLook(el: HTMLElement, look: PageLook) {
  for (const [name, value] of Object.entries(lookProperties(look))) el.style.setProperty(name, value);
  el.dataset.template = look.template;
}
