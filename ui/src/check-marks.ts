// Where a finding of Kiểm tra sits on the Soạn surface. The core reports
// each finding as a range of the Markdown body (UTF-16 offsets) with the
// exact text found; the surface shows the same words without the Markdown
// marks, so the range is found there as the same occurrence of that text:
// the k-th occurrence in the Markdown is the k-th on the surface. Words are
// counted whole ("an" is not found inside "bàn"), other text (spaces,
// punctuation) as it stands. Pure: no view, only the document.
import type { Node } from "prosemirror-model";

/** The surface's text in reading order, and the document position of each character. */
export interface SurfaceText {
  text: string;
  /** pos[i]: the position of text[i] in the document; -1 between blocks. */
  pos: number[];
}

/** The surface's text, blocks separated by a newline (which no finding crosses). */
export function surfaceText(doc: Node): SurfaceText {
  let text = "";
  const pos: number[] = [];
  let lastBlockEnd = -1;
  doc.descendants((node, at) => {
    if (node.isTextblock) {
      if (text) {
        text += "\n";
        pos.push(-1);
      }
      lastBlockEnd = at + node.nodeSize;
      return true;
    }
    if (node.isText) {
      const t = node.text ?? "";
      text += t;
      for (let i = 0; i < t.length; i++) pos.push(at + i);
      return false;
    }
    if (node.type.name === "hard_break") {
      text += "\n";
      pos.push(-1);
    }
    return !node.isLeaf;
  });
  void lastBlockEnd;
  return { text, pos };
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Whether `needle` at `i` in `hay` stands as a whole word (for a needle of letters). */
function whole(hay: string, i: number, needle: string): boolean {
  if (!LETTER.test(needle[0]) || !LETTER.test(needle[needle.length - 1])) return true;
  const before = i > 0 ? hay[i - 1] : "";
  const after = hay[i + needle.length] ?? "";
  return !(before && LETTER.test(before)) && !(after && LETTER.test(after));
}

/** Starts of the occurrences of `needle` in `hay`, in order (whole words for a word). */
function occurrences(hay: string, needle: string, until = Infinity): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0 && i < until; i = hay.indexOf(needle, i + 1)) {
    if (whole(hay, i, needle)) out.push(i);
  }
  return out;
}

/** The Markdown with what the surface does not show as text (link targets, image sources, autolinks) blanked, offsets kept. */
export function visible(markdown: string): string {
  const blank = (m: string) => " ".repeat(m.length);
  return markdown
    .replace(/\]\(([^()]|\([^()]*\))*\)/g, (m) => "]" + blank(m.slice(1)))
    .replace(/<(https?:|mailto:)[^>\s]*>/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** A finding's range on the surface as [from, to] document positions; null when it cannot be shown there. */
export function locate(markdown: string, from: number, text: string, surface: SurfaceText): [number, number] | null {
  if (!text || markdown.slice(from, from + text.length) !== text) return null;
  const k = occurrences(visible(markdown), text, from).length;
  const at = occurrences(surface.text, text)[k];
  if (at === undefined) return null;
  const start = surface.pos[at];
  const last = surface.pos[at + text.length - 1];
  // Every character in one run of positions: nothing between (no block edge, no image).
  if (start < 0 || last < 0 || last - start !== text.length - 1) return null;
  return [start, last + 1];
}
