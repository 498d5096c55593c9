// The Soạn surface's document model: exactly what the core's `doc::Document`
// can say (crates/bantin/src/doc.rs), no more, so whatever is typed here
// has a Markdown form that `markdown::parse` reads back into the same tree.
// Headings 1–6; paragraphs of text with bold, italic, underline, strike,
// code and links; hard breaks; lists (bulleted, numbered, task); quotes; GFM tables
// with a header row and column alignment; figures (a photo with its caption);
// code blocks; rules; page breaks; footnote references and definitions.
import { Schema, type DOMOutputSpec, type NodeSpec } from "prosemirror-model";
import { tableNodes } from "prosemirror-tables";
import { convertFileSrc } from "@tauri-apps/api/core";

export type Align = "left" | "center" | "right" | null;

/** Where the surface loads an image from: library images through the app's asset scheme. */
export function imageUrl(src: string): string {
  const m = /^asset:([0-9a-f]{16,64})$/i.exec(src);
  if (m) {
    try {
      return convertFileSrc(m[1], "bantin-asset");
    } catch {
      return `bantin-asset://localhost/${m[1]}`;
    }
  }
  // Nothing remote or on disk loads in the app (CSP); the caption still shows.
  return /^data:image\//.test(src) ? src : "";
}

const table = tableNodes({
  tableGroup: "block",
  // GFM cells hold one line of text: no paragraphs, no line breaks.
  cellContent: "(text | footnote_ref | image)*",
  cellAttributes: {
    align: {
      default: null,
      getFromDOM: (dom) => (dom.style.textAlign as Align) || null,
      setDOMAttr: (value, attrs) => {
        if (value) attrs.style = `text-align: ${value}`;
      },
    },
  },
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: "block+" },
  paragraph: {
    content: "inline*",
    group: "block",
    parseDOM: [{ tag: "p" }],
    toDOM: () => ["p", 0],
  },
  heading: {
    attrs: { level: { default: 2 } },
    content: "(text | footnote_ref | image)*",
    group: "block",
    defining: true,
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node) => [`h${node.attrs.level}`, 0],
  },
  blockquote: {
    content: "block+",
    group: "block",
    defining: true,
    parseDOM: [{ tag: "blockquote" }],
    toDOM: () => ["blockquote", 0],
  },
  bullet_list: {
    content: "list_item+",
    group: "block",
    attrs: { tight: { default: true } },
    parseDOM: [{ tag: "ul" }],
    toDOM: () => ["ul", 0],
  },
  ordered_list: {
    content: "list_item+",
    group: "block",
    attrs: { order: { default: 1 }, tight: { default: true } },
    parseDOM: [{ tag: "ol", getAttrs: (dom) => ({ order: Number((dom as HTMLElement).getAttribute("start") ?? 1) || 1 }) }],
    toDOM: (node) => ["ol", node.attrs.order === 1 ? {} : { start: node.attrs.order }, 0],
  },
  list_item: {
    // `checked`: null for an ordinary item, true/false for a task (`- [x] …`).
    attrs: { checked: { default: null } },
    content: "paragraph block*",
    defining: true,
    parseDOM: [{ tag: "li" }],
    toDOM: (node) => ["li", node.attrs.checked === null ? {} : { class: "task", "data-checked": String(node.attrs.checked) }, 0],
  },
  code_block: {
    content: "text*",
    marks: "",
    group: "block",
    code: true,
    defining: true,
    attrs: { params: { default: "" } },
    parseDOM: [{ tag: "pre", preserveWhitespace: "full" }],
    toDOM: () => ["pre", ["code", 0]],
  },
  horizontal_rule: {
    group: "block",
    parseDOM: [{ tag: "hr" }],
    toDOM: () => ["hr"],
  },
  page_break: {
    group: "block",
    atom: true,
    selectable: true,
    parseDOM: [{ tag: "div.page-break" }],
    toDOM: () => ["div", { class: "page-break", contenteditable: "false" }, ["span", "Ngắt trang"]],
  },
  // A photo standing alone, its caption (the Markdown alt text) under it.
  figure: {
    attrs: { src: {}, title: { default: "" } },
    content: "text*",
    marks: "underline strong em strike code",
    group: "block",
    defining: true,
    isolating: true,
    parseDOM: [
      {
        tag: "figure",
        contentElement: "figcaption",
        getAttrs: (dom) => ({ src: (dom as HTMLElement).querySelector("img")?.getAttribute("data-src") ?? "" }),
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      "figure",
      { class: "figure" },
      ["img", { src: imageUrl(node.attrs.src), "data-src": node.attrs.src, alt: imageUrl(node.attrs.src) ? "" : `[ảnh: ${node.attrs.src}]`, contenteditable: "false", draggable: "false" }],
      ["figcaption", { "data-empty-hint": "Gõ chú thích ảnh ở đây" }, 0],
    ],
  },
  footnote_def: {
    attrs: { label: {} },
    content: "block+",
    group: "block",
    defining: true,
    isolating: true,
    parseDOM: [{ tag: "section.footnote", contentElement: "div", getAttrs: (dom) => ({ label: (dom as HTMLElement).dataset.label ?? "1" }) }],
    toDOM: (node) => [
      "section",
      { class: "footnote", "data-label": node.attrs.label },
      ["span", { class: "footnote-label", contenteditable: "false" }, node.attrs.label],
      ["div", 0],
    ],
  },
  text: { group: "inline" },
  hard_break: {
    inline: true,
    group: "inline",
    selectable: false,
    parseDOM: [{ tag: "br" }],
    toDOM: () => ["br"],
  },
  // An image inside running text (rare: the print moves it after its paragraph).
  image: {
    inline: true,
    group: "inline",
    attrs: { src: {}, alt: { default: "" }, title: { default: "" } },
    draggable: true,
    parseDOM: [],
    toDOM: (node) => ["img", { class: "inline-image", src: imageUrl(node.attrs.src), alt: node.attrs.alt, "data-src": node.attrs.src }],
  },
  footnote_ref: {
    inline: true,
    group: "inline",
    atom: true,
    attrs: { label: {} },
    parseDOM: [{ tag: "sup.footnote-ref", getAttrs: (dom) => ({ label: (dom as HTMLElement).dataset.label ?? "1" }) }],
    toDOM: (node) => ["sup", { class: "footnote-ref", "data-label": node.attrs.label }, node.attrs.label],
  },
  ...table,
};

export const schema = new Schema({
  nodes,
  marks: {
    link: {
      attrs: { href: {}, title: { default: null } },
      inclusive: false,
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute("href"), title: (dom as HTMLElement).getAttribute("title") }) }],
      toDOM: (mark) => ["a", { href: mark.attrs.href, title: mark.attrs.title, rel: "noopener" }, 0],
    },
    // `<u>…</u>` in the Markdown. Ranked before the emphasis marks so the
    // tag is written outside them (`<u>**a**</u>`), where it never stands
    // between a `**` and the word it belongs to.
    underline: {
      parseDOM: [{ tag: "u" }],
      toDOM: () => ["u", 0],
    },
    em: {
      parseDOM: [{ tag: "i" }, { tag: "em" }, { style: "font-style=italic" }],
      toDOM: () => ["em", 0],
    },
    strong: {
      parseDOM: [
        { tag: "strong" },
        // Word and Google Docs wrap whole pastes in <b style="font-weight:normal">.
        { tag: "b", getAttrs: (node) => (node as HTMLElement).style.fontWeight !== "normal" && null },
        { style: "font-weight", getAttrs: (value) => /^(bold(er)?|[6-9]\d{2,})$/.test(value as string) && null },
      ],
      toDOM: () => ["strong", 0],
    },
    strike: {
      parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" }, { style: "text-decoration=line-through" }],
      toDOM: () => ["s", 0],
    },
    code: {
      parseDOM: [{ tag: "code" }],
      toDOM: () => ["code", 0],
    },
  },
});
