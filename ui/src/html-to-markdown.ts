// Paste from Word or a web page: the clipboard's text/html becomes clean
// Markdown — headings, bold, italic and underline (`<u>`, or a span styled
// `text-decoration: underline`, but never a link's own underline), lists,
// links, tables, paragraphs —
// and everything else (styles, scripts, fonts, colours, Word's own markup)
// is dropped.
//
// Safety: the HTML is parsed with DOMParser into a detached document,
// which never runs scripts, loads images or fetches anything; we only read
// its tree. Links keep http(s) and mailto addresses only.

export interface Converted {
  markdown: string;
  /** Pictures in the pasted HTML, which are not copied (they would point at someone's disk or the web). */
  droppedImages: number;
}

const DROP = new Set([
  "script", "style", "head", "title", "meta", "link", "template", "iframe", "object", "embed", "svg", "math",
  "noscript", "canvas", "video", "audio", "button", "input", "select", "textarea", "xml",
]);
const BLOCK = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "pre", "hr",
  "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "center", "address",
  "dl", "dt", "dd", "body", "html", "form", "fieldset", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
]);

interface Style {
  bold: boolean;
  italic: boolean;
  struck: boolean;
  under: boolean;
}

/** A finished block; lines of the same list follow each other without a blank line. */
interface Block {
  text: string;
  list?: string;
}

function join(blocks: Block[]): string {
  return blocks.map((b, i) => (i === 0 ? "" : b.list && b.list === blocks[i - 1].list ? "\n" : "\n\n") + b.text).join("");
}

export function htmlToMarkdown(html: string): Converted {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const c = new Converter();
  c.blocks(doc.body ?? doc.documentElement, { bold: false, italic: false, struck: false, under: false });
  c.flush();
  return { markdown: join(c.out).normalize("NFC").trim(), droppedImages: c.images };
}

const tag = (n: Node) => (n.nodeType === 1 ? (n as Element).localName.toLowerCase() : "");
const styleOf = (e: Element) => (e.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");

/** Collapses HTML white space (and no-break spaces) to single spaces. */
const squash = (s: string) => s.replace(/[\s\u00a0]+/g, " ");

/** Backslash before characters Markdown would take as formatting (`<` too: typed "<u>" is not underline). */
function escapeText(s: string): string {
  return s.replace(/([\\`*_[\]<])/g, "\\$1");
}

/** A paragraph that starts like a heading or a quote stays text. */
function escapeLineStart(s: string): string {
  return s.replace(/^(#{1,6}\s|>)/, "\\$1");
}

/** Puts `mark` (… `close`) around the words, keeping the spaces outside (`** a**` is not bold). */
function wrap(inner: string, mark: string, close = mark): string {
  const m = inner.match(/^(\s*)([\s\S]*?)(\s*)$/)!;
  return m[2] ? `${m[1]}${mark}${m[2]}${close}${m[3]}` : inner;
}

function safeHref(href: string | null): string | null {
  if (!href) return null;
  const h = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(h) ? h.replace(/[()\s]/g, (ch) => encodeURIComponent(ch)) : null;
}

/** Word marks its list paragraphs with mso-list in the style; its bullet glyph sits in a span marked mso-list:Ignore. */
function wordList(e: Element): { id: string; level: number } | null {
  const m = styleOf(e).match(/mso-list:(l\d+)[^;]*level(\d)/);
  return m ? { id: "word-" + m[1], level: Number(m[2]) } : null;
}

let listCount = 0;
const isWordBullet = (e: Element) => /mso-list:ignore/.test(styleOf(e));

class Converter {
  out: Block[] = [];
  images = 0;
  private line = "";

  flush() {
    const text = escapeLineStart(this.line.split("\n").map((l) => l.trim()).filter(Boolean).join("\n"));
    if (text) this.out.push({ text });
    this.line = "";
  }

  blocks(parent: Node, st: Style) {
    for (const n of Array.from(parent.childNodes)) {
      if (n.nodeType === 3) {
        this.line += escapeText(squash(n.textContent ?? ""));
        continue;
      }
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      const t = tag(e);
      if (DROP.has(t)) continue;
      if (!BLOCK.has(t)) {
        this.line += this.inline(e, st);
        continue;
      }
      this.flush();
      this.block(e, t, st);
    }
  }

  private block(e: Element, t: string, st: Style) {
    const level = /^h[1-6]$/.test(t) ? Number(t[1]) : 0;
    if (level) {
      const text = this.inlineText(e, { ...st, bold: true });
      if (text) this.out.push({ text: `${"#".repeat(level)} ${text}` });
      return;
    }
    if (t === "ul" || t === "ol") {
      const list = `list-${++listCount}`;
      for (const l of this.list(e, st, 0)) this.out.push({ text: l, list });
      return;
    }
    if (t === "blockquote") {
      const inner = this.sub(e, st);
      if (inner) this.out.push({ text: inner.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n") });
      return;
    }
    if (t === "table") {
      const table = this.table(e, st);
      if (table) this.out.push({ text: table });
      return;
    }
    if (t === "pre") {
      const code = (e.textContent ?? "").replace(/\n$/, "");
      if (code.trim()) this.out.push({ text: "```\n" + code.replace(/```/g, "'''") + "\n```" });
      return;
    }
    if (t === "hr") {
      this.out.push({ text: "---" });
      return;
    }
    const word = t === "p" ? wordList(e) : null;
    if (word) {
      const bullet = Array.from(e.querySelectorAll("span")).find(isWordBullet)?.textContent?.trim() ?? "";
      const text = this.inlineText(e, st);
      const ordered = /^\(?[0-9]{1,3}[.)]/.test(bullet);
      if (text) this.out.push({ text: `${"  ".repeat(word.level - 1)}${ordered ? "1." : "-"} ${text}`, list: word.id });
      return;
    }
    // p, div, section…: their children, which may hold further blocks.
    this.blocks(e, st);
    this.flush();
  }

  /** Converts an element's children on their own and gives back the Markdown. */
  private sub(e: Element, st: Style): string {
    const c = new Converter();
    c.blocks(e, st);
    c.flush();
    this.images += c.images;
    return join(c.out);
  }

  private list(e: Element, st: Style, depth: number): string[] {
    const ordered = tag(e) === "ol";
    const lines: string[] = [];
    let n = Number(e.getAttribute("start") ?? "1") || 1;
    for (const li of Array.from(e.children)) {
      if (tag(li) === "ul" || tag(li) === "ol") {
        lines.push(...this.list(li, st, depth + 1));
        continue;
      }
      if (tag(li) !== "li") continue;
      const marker = ordered ? `${n++}.` : "-";
      const indent = " ".repeat(depth * (ordered ? 3 : 2));
      const own = withoutNestedLists(li);
      const text = this.inlineText(own, st);
      lines.push(`${indent}${marker} ${text}`);
      for (const sub of Array.from(li.children).filter((c) => tag(c) === "ul" || tag(c) === "ol"))
        lines.push(...this.list(sub, st, depth + 1));
    }
    return lines;
  }

  private table(e: Element, st: Style): string {
    const rows = Array.from(e.querySelectorAll("tr")).filter((r) => r.closest("table") === e);
    const cells = rows
      .map((r) => Array.from(r.children).filter((c) => tag(c) === "td" || tag(c) === "th"))
      .filter((r) => r.length > 0)
      .map((r) => r.map((c) => this.inlineText(c, st).replace(/\n/g, " ").replace(/\|/g, "\\|")));
    if (!cells.length) return "";
    const width = Math.max(...cells.map((r) => r.length));
    const line = (r: string[]) => "| " + Array.from({ length: width }, (_, i) => r[i] ?? "").join(" | ") + " |";
    return [line(cells[0]), "|" + " --- |".repeat(width), ...cells.slice(1).map(line)].join("\n");
  }

  /** An element's content as one line of inline Markdown (blocks inside are joined with spaces). */
  private inlineText(e: Node, st: Style): string {
    let s = "";
    for (const n of Array.from(e.childNodes)) {
      if (n.nodeType === 3) s += escapeText(squash(n.textContent ?? ""));
      else if (n.nodeType === 1) {
        const t = tag(n);
        if (DROP.has(t)) continue;
        s += BLOCK.has(t) ? " " + this.inlineText(n, st) + " " : this.inline(n as Element, st);
      }
    }
    return squash(s.replace(/\n/g, "\u0000")).replace(/\u0000/g, "\n").replace(/ *\n */g, "\n").trim();
  }

  private inline(e: Element, st: Style): string {
    const t = tag(e);
    if (DROP.has(t)) return "";
    if (t === "br") return "\n";
    if (t === "img") {
      this.images++;
      return "";
    }
    if (t === "span" && isWordBullet(e)) return "";
    const style = styleOf(e);
    const weight = style.match(/font-weight:(\w+)/)?.[1];
    const boldByStyle = weight ? weight === "bold" || weight === "bolder" || Number(weight) >= 600 : null;
    const fontStyle = style.match(/font-style:(\w+)/)?.[1];
    const italicByStyle = fontStyle ? fontStyle === "italic" || fontStyle === "oblique" : null;
    const bold = !st.bold && (boldByStyle ?? (t === "b" || t === "strong"));
    const italic = !st.italic && (italicByStyle ?? (t === "i" || t === "em"));
    const struck = !st.struck && (t === "s" || t === "strike" || t === "del");
    // Links are underlined by their look (Word's MsoHyperlink, a browser's
    // default): that underline stays with the link and never becomes <u>.
    const decoration = style.match(/text-decoration(?:-line)?:([^;]+)/)?.[1];
    const underByStyle = decoration ? decoration.includes("underline") : null;
    const under = !st.under && (underByStyle ?? t === "u") && t !== "a" && !e.closest("a");
    const inner = { bold: st.bold || bold, italic: st.italic || italic, struck: st.struck || struck, under: st.under || under };
    let s = "";
    for (const n of Array.from(e.childNodes)) {
      if (n.nodeType === 3) s += escapeText(squash(n.textContent ?? ""));
      else if (n.nodeType === 1) s += BLOCK.has(tag(n)) ? " " + this.inlineText(n, inner) + " " : this.inline(n as Element, inner);
    }
    if (t === "code" && s.trim()) return "`" + (e.textContent ?? "").replace(/`/g, "'") + "`";
    if (struck) s = wrap(s, "~~");
    if (italic) s = wrap(s, "*");
    if (bold) s = wrap(s, "**");
    if (under) s = wrap(s, "<u>", "</u>");
    if (t === "a") {
      const href = safeHref(e.getAttribute("href"));
      const text = s.trim();
      if (href && text) return s.replace(text, `[${text}](${href})`);
    }
    return s;
  }
}

/** A list item's own content, without its nested lists (they become their own lines). */
function withoutNestedLists(li: Element): Node {
  const copy = li.cloneNode(true) as Element;
  for (const sub of Array.from(copy.children)) if (tag(sub) === "ul" || tag(sub) === "ol") sub.remove();
  return copy;
}
