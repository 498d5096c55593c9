// Markdown ⇄ the Soạn surface. Reading goes through markdown-it set up like
// the core's comrak options (GFM tables, strikethrough, task lists,
// footnotes; raw HTML is text, except an exact `<u>` and its `</u>` among
// the same siblings, which underline; `\pagebreak` and `<!-- pagebreak -->` are page
// breaks; an image alone in its paragraph is a figure whose alt text is the
// caption). Writing produces Markdown that `markdown::parse` reads back into
// the same `Document` (checked by surface-markdown.test.ts against the core).
import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";
import footnote from "markdown-it-footnote";
import { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer, type MarkdownSerializerState } from "prosemirror-markdown";
import type { Node } from "prosemirror-model";
import { schema } from "./surface-schema";

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

const PAGE_BREAK = /^\s*(\\pagebreak|<!--\s*pagebreak\s*-->)\s*$/i;
const ONLY_COMMENTS = /^\s*(<!--[\s\S]*?-->\s*)+$/;

/** A block token pair's inline token, when `tokens[i]` opens a paragraph. */
function paragraphAt(tokens: Token[], i: number): Token | null {
  return tokens[i].type === "paragraph_open" && tokens[i + 1]?.type === "inline" && tokens[i + 2]?.type === "paragraph_close" ? tokens[i + 1] : null;
}

/** Page breaks, and paragraphs that are only HTML comments (comrak drops those). */
function pageBreaks(state: StateCore) {
  const out: Token[] = [];
  const t = state.tokens;
  for (let i = 0; i < t.length; i++) {
    const inline = paragraphAt(t, i);
    if (inline && PAGE_BREAK.test(inline.content)) {
      out.push(Object.assign(new state.Token("page_break", "", 0), { block: true }));
      i += 2;
    } else if (inline && ONLY_COMMENTS.test(inline.content)) i += 2;
    else out.push(t[i]);
  }
  state.tokens = out;
}

/** `- [x] …` and `- [ ] …`: the item is a task, the box leaves the text. */
function taskItems(state: StateCore) {
  const t = state.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i].type !== "list_item_open") continue;
    const inline = paragraphAt(t, i + 1);
    const first = inline?.children?.[0];
    const m = first?.type === "text" ? /^\[([ xX])\](?:[ \t]+|$)/.exec(first.content) : null;
    if (!inline || !first || !m) continue;
    first.content = first.content.slice(m[0].length);
    t[i].meta = { ...(t[i].meta ?? {}), checked: m[1] !== " " };
  }
}

/** Caption tokens: what a caption can hold (text, emphasis, code), links and breaks as text. */
function captionTokens(state: StateCore, img: Token): Token[] {
  const keep = new Set(["text", "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close", "u_open", "u_close", "code_inline"]);
  const out: Token[] = [];
  for (const c of img.children ?? []) {
    if (c.type === "text_special") out.push(Object.assign(c, { type: "text" }));
    else if (keep.has(c.type)) out.push(c);
    else if (c.type === "softbreak" || c.type === "hardbreak") out.push(Object.assign(new state.Token("text", "", 0), { content: " " }));
  }
  const texts = out.filter((c) => c.type === "text" || c.type === "code_inline");
  if (texts.length) {
    texts[0].content = texts[0].content.replace(/^\s+/, "");
    const last = texts[texts.length - 1];
    last.content = last.content.replace(/\s+$/, "");
  }
  if (!texts.some((c) => c.content.trim())) {
    const title = (img.attrGet("title") ?? "").trim();
    return title ? [Object.assign(new state.Token("text", "", 0), { content: title })] : [];
  }
  return out;
}

/**
 * Images standing in a paragraph of their own become figures; images inside
 * running text move after their paragraph, as the core prints them.
 */
function figures(state: StateCore) {
  const out: Token[] = [];
  const t = state.tokens;
  for (let i = 0; i < t.length; i++) {
    const inline = paragraphAt(t, i);
    const children = inline?.children ?? [];
    if (!inline || !children.some((c) => c.type === "image")) {
      out.push(t[i]);
      continue;
    }
    const kept: Token[] = [];
    const found: Token[] = [];
    let afterImage = false;
    for (const c of children) {
      if (c.type === "image") {
        found.push(c);
        afterImage = true;
        continue;
      }
      if (afterImage && c.type === "text") {
        const prev = kept[kept.length - 1];
        if (!prev || (prev.type === "text" && /\s$/.test(prev.content))) c.content = c.content.replace(/^\s+/, "");
        if (!c.content) continue;
        afterImage = false;
      }
      kept.push(c);
    }
    const hasText = kept.some((c) => c.type !== "softbreak" && c.type !== "hardbreak" && !(c.type === "text" && !c.content.trim()));
    if (hasText) {
      inline.children = kept;
      out.push(t[i], inline, t[i + 2]);
    }
    for (const img of found) {
      const open = Object.assign(new state.Token("figure_open", "figure", 1), { block: true });
      open.attrSet("src", img.attrGet("src") ?? "");
      const texts = (img.children ?? []).some((c) => c.type === "text" && c.content.trim());
      open.attrSet("title", texts ? (img.attrGet("title") ?? "") : "");
      const caption = Object.assign(new state.Token("inline", "", 0), { children: captionTokens(state, img), content: "" });
      out.push(open, caption, Object.assign(new state.Token("figure_close", "figure", -1), { block: true }));
    }
    i += 2;
  }
  state.tokens = out;
}

/** An exact `<u>` or `</u>` (nothing else of HTML is read) as a token of its own. */
function underlineTag(state: StateInline, silent: boolean): boolean {
  const src = state.src.slice(state.pos, state.pos + 4);
  const tag = src.startsWith("<u>") ? "<u>" : src === "</u>" ? "</u>" : null;
  if (!tag) return false;
  if (!silent) Object.assign(state.push("u_tag", "", 0), { content: tag });
  state.pos += tag.length;
  return true;
}

/**
 * Pairs `<u>` with the `</u>` that closes it among the same siblings (as the
 * core reads comrak's inline HTML): pairs nest like brackets, a tag without
 * its partner, or one whose partner is inside other markup, stays text.
 */
function pairUnderlines(tokens: Token[]) {
  const open: number[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "image" && t.children) pairUnderlines(t.children);
    if (t.nesting === 1) open.push([]);
    else if (t.nesting === -1) {
      for (const k of open.pop() ?? []) tokens[k].type = "text";
      if (!open.length) open.push([]);
    } else if (t.type === "u_tag") {
      t.type = "text";
      const level = open[open.length - 1];
      if (t.content === "<u>") level.push(i);
      else if (level.length) {
        const k = level.pop()!;
        Object.assign(tokens[k], { type: "u_open", tag: "u", nesting: 1 });
        Object.assign(t, { type: "u_close", tag: "u", nesting: -1 });
      }
    }
  }
}

function underlines(state: StateCore) {
  for (const tok of state.tokens) if (tok.type === "inline" && tok.children) pairUnderlines(tok.children);
}

/** Footnote definitions stay where they are written (markdown-it would move and drop them). */
function footnoteDefinitions(state: StateCore) {
  for (const tok of state.tokens) {
    if (tok.type === "footnote_reference_open") tok.type = "footnote_def_open";
    else if (tok.type === "footnote_reference_close") tok.type = "footnote_def_close";
  }
}

function tokenizer(): MarkdownIt {
  const md = MarkdownIt("commonmark", { html: false }).enable(["table", "strikethrough"]).use(footnote);
  // Links and images keep their targets exactly as written, as comrak does.
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (url) => url;
  md.validateLink = () => true;
  md.inline.ruler.disable(["footnote_inline"]);
  md.inline.ruler.before("text", "bantin_underline", underlineTag);
  md.core.ruler.after("inline", "bantin_underlines", underlines);
  md.core.ruler.disable(["footnote_tail"]);
  md.core.ruler.push("bantin_footnotes", footnoteDefinitions);
  md.core.ruler.push("bantin_page_breaks", pageBreaks);
  md.core.ruler.push("bantin_tasks", taskItems);
  md.core.ruler.push("bantin_figures", figures);
  return md;
}

const cellAlign = (tok: Token) => ({ align: /text-align:\s*(left|center|right)/.exec(tok.attrGet("style") ?? "")?.[1] ?? null });
const tight = (_: Token, tokens: Token[], i: number) => ({ tight: Boolean(tokens[i + 2]?.hidden) });

export const markdownParser = new MarkdownParser(schema, tokenizer(), {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item", getAttrs: (tok) => ({ checked: tok.meta?.checked ?? null }) },
  bullet_list: { block: "bullet_list", getAttrs: tight },
  ordered_list: { block: "ordered_list", getAttrs: (tok, tokens, i) => ({ order: Number(tok.attrGet("start") ?? 1), ...tight(tok, tokens, i) }) },
  heading: { block: "heading", getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
  code_block: { block: "code_block", noCloseToken: true },
  fence: { block: "code_block", getAttrs: (tok) => ({ params: tok.info || "" }), noCloseToken: true },
  hr: { node: "horizontal_rule" },
  page_break: { node: "page_break" },
  figure: { block: "figure", getAttrs: (tok) => ({ src: tok.attrGet("src") ?? "", title: tok.attrGet("title") ?? "" }) },
  image: { node: "image", getAttrs: (tok) => ({ src: tok.attrGet("src") ?? "", title: tok.attrGet("title") ?? "", alt: tok.content }) },
  hardbreak: { node: "hard_break" },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "table_row" },
  th: { block: "table_header", getAttrs: cellAlign },
  td: { block: "table_cell", getAttrs: cellAlign },
  footnote_def: { block: "footnote_def", getAttrs: (tok) => ({ label: tok.meta.label }) },
  footnote_ref: { node: "footnote_ref", getAttrs: (tok) => ({ label: tok.meta.label }) },
  em: { mark: "em" },
  strong: { mark: "strong" },
  s: { mark: "strike" },
  u: { mark: "underline" },
  link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true },
});

/** The surface's document for an article body (front matter never reaches here). */
export function parseMarkdown(body: string): Node {
  return markdownParser.parse(body);
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/** The serializer state's parts that prosemirror-markdown keeps internal. */
type State = MarkdownSerializerState & {
  out: string;
  closed: Node | false;
  atBlockStart: boolean;
  inAutolink?: boolean;
  flushClose(size?: number): void;
};

/** A link or image destination, bracketed when it holds spaces. */
function destination(url: string): string {
  if (/[\s<>]/.test(url) || url === "") return "<" + url.replace(/[\\<>]/g, "\\$&") + ">";
  return url.replace(/[\\()]/g, "\\$&");
}

const title = (t: string | null) => (t ? ` "${t.replace(/[\\"]/g, "\\$&")}"` : "");

/**
 * Text as Markdown: leading spaces at a line start dropped (four would make
 * a code block, and the print drops them anyway), and what the default
 * escaping misses: "1)" list markers after a line break or at a block start,
 * and entity-looking "&…;".
 */
function text(state: MarkdownSerializerState, node: Node, parent: Node, index: number) {
  const s = state as MarkdownSerializerState & { atBlockStart: boolean; inAutolink?: boolean };
  if (s.inAutolink) return state.text(node.text!, false);
  const afterBreak = index > 0 && parent.child(index - 1).type.name === "hard_break";
  const lineStart = s.atBlockStart || afterBreak;
  let t = node.text!;
  if (lineStart) t = t.replace(/^[ \t]+/, "");
  let out = state.esc(t, lineStart);
  // "1." or "+" alone (esc only escapes them before a space) would be an empty list item.
  if (lineStart) out = out.replace(/^(\d+)\)/, "$1\\)").replace(/^=/, "\\=").replace(/^(\d+)\.$/, "$1\\.").replace(/^\+$/, "\\+");
  out = out.replace(/&(?=#?[a-zA-Z0-9]+;)/g, "\\&");
  // Typed "<u>" is text, not the underline tag.
  out = out.replace(/<(?=\/?u>)/g, "\\<");
  // A heading's trailing " ##" would be read as its closing sequence.
  if (parent.type.name === "heading" && index === parent.childCount - 1) out = out.replace(/(^|\s)(#+)(\s*)$/, "$1\\$2$3");
  state.text(out, false);
}

/** Renders inline content to a string of its own (a table cell). */
function inlineString(state: MarkdownSerializerState, node: Node): string {
  const s = state as MarkdownSerializerState & { out: string };
  const start = s.out.length;
  state.renderInline(node, false);
  const out = s.out.slice(start);
  s.out = s.out.slice(0, start);
  return out;
}

function table(state: MarkdownSerializerState, node: Node) {
  const rows: string[][] = [];
  const align: (string | null)[] = [];
  state.write("");
  node.forEach((row, _, r) => {
    const cells: string[] = [];
    row.forEach((cell) => {
      if (r === 0) align.push(cell.attrs.align);
      cells.push(inlineString(state, cell).replace(/\n/g, " ").replace(/\|/g, "\\|").trim());
    });
    rows.push(cells);
  });
  const rule = align.map((a) => (a === "left" ? ":---" : a === "center" ? ":---:" : a === "right" ? "---:" : "---"));
  const line = (cells: string[]) => "| " + cells.map((c) => c || " ").join(" | ") + " |";
  const lines = [line(rows[0] ?? []), "|" + rule.join("|") + "|", ...rows.slice(1).map(line)];
  const s = state as MarkdownSerializerState & { out: string };
  lines.forEach((l, k) => {
    if (k) state.write("");
    s.out += l;
    state.ensureNewLine();
  });
  state.closeBlock(node);
}

/** Two lists of one kind in a row stay two: an HTML comment (dropped by the core) between them. */
function keepListsApart(state: MarkdownSerializerState, node: Node) {
  const s = state as MarkdownSerializerState & { closed: Node | false };
  if (s.closed && s.closed.type === node.type) {
    state.write("<!-- -->");
    state.closeBlock(schema.nodes.paragraph.create());
  }
}

const taskBox = (item: Node) => (item.attrs.checked === null ? "" : item.attrs.checked ? "[x] " : "[ ] ");

const base = defaultMarkdownSerializer.nodes;

export const markdownSerializer = new MarkdownSerializer(
  {
    blockquote: base.blockquote,
    code_block: base.code_block,
    heading: base.heading,
    horizontal_rule: (state, node) => {
      state.write("---");
      state.closeBlock(node);
    },
    bullet_list(state, node) {
      keepListsApart(state, node);
      state.renderList(node, "  ", (i) => "- " + taskBox(node.child(i)));
    },
    ordered_list(state, node, parent, index) {
      keepListsApart(state, node);
      // A list that does not start at 1 cannot interrupt a paragraph: a blank line first.
      if (node.attrs.order !== 1 && parent.type.name === "list_item" && index > 0) (state as State).flushClose(2);
      const start: number = node.attrs.order ?? 1;
      const width = String(start + node.childCount - 1).length + 2;
      state.renderList(node, " ".repeat(width), (i) => `${start + i}. `.padEnd(width) + taskBox(node.child(i)));
    },
    list_item: base.list_item,
    paragraph: base.paragraph,
    page_break(state, node) {
      state.write("\\pagebreak");
      state.closeBlock(node);
    },
    figure(state, node) {
      state.write("![");
      state.renderInline(node, false);
      state.write(`](${destination(node.attrs.src)}${title(node.attrs.title)})`);
      state.closeBlock(node);
    },
    image(state, node) {
      state.write(`![${state.esc(node.attrs.alt || "")}](${destination(node.attrs.src)}${title(node.attrs.title)})`);
    },
    footnote_def(state, node) {
      state.wrapBlock("    ", `[^${node.attrs.label}]: `, node, () => state.renderContent(node));
    },
    footnote_ref(state, node) {
      state.write(`[^${node.attrs.label}]`);
    },
    hard_break(state, node, parent, index) {
      // Only a paragraph can break a line; a heading, caption or cell gets a space.
      if (parent.type.name !== "paragraph") return state.write(" ");
      base.hard_break(state, node, parent, index);
    },
    table,
    table_row: () => {},
    table_cell: () => {},
    table_header: () => {},
    text,
  },
  {
    em: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
    strong: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
    underline: { open: "<u>", close: "</u>", mixable: true, expelEnclosingWhitespace: true },
    link: {
      open: (state) => {
        (state as MarkdownSerializerState & { inAutolink?: boolean }).inAutolink = false;
        return "[";
      },
      close: (_state, mark) => `](${destination(mark.attrs.href)}${title(mark.attrs.title)})`,
      mixable: true,
    },
    code: defaultMarkdownSerializer.marks.code,
  },
  { strict: true },
);

/** The article body as Markdown, ending with one newline. */
export function toMarkdown(doc: Node): string {
  const out = markdownSerializer.serialize(doc).replace(/\s+$/, "");
  return out ? out + "\n" : "";
}
