// Random surface documents for the round-trip tests (surface-markdown.test.ts):
// every kind of block and mark the surface has, Vietnamese words and the
// characters Markdown would misread if they were not escaped. Seeded, so a
// failure names a document that comes back the same on the next run.
import type { Mark, Node } from "prosemirror-model";
import { schema } from "./surface-schema";

const WORDS = ("Đảng ủy xã tổ chức hội nghị sơ kết Nghị quyết văn hóa công sở người dân hài lòng " +
  "chi bộ thôn Lạc Nam hiến đất làm đường Ắ Ỗ ạ ỵ 2026 99,1% 1.850m²").split(" ");
/** Characters and words Markdown gives a meaning to. */
const TRICKY = ["*", "**", "_x_", "[a]", "#", "1.", "2)", "-", "+", ">", "|", "&amp;", "\\", "<b>", "<u>", "</u>", "<u>x</u>", "<", "~", "!", "`", "![", "[^1]", "---", "==="];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  footnotes = 0;
  constructor(private r: () => number) {}
  int = (n: number) => Math.floor(this.r() * n);
  chance = (p: number) => this.r() < p;
  pick = <T>(xs: T[]): T => xs[this.int(xs.length)];

  words(n: number, tricky: boolean): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(tricky && this.chance(0.15) ? this.pick(TRICKY) : this.pick(WORDS));
    return out.join(" ");
  }

  marks(allowed: string[]): Mark[] {
    const out: Mark[] = [];
    for (const name of allowed) {
      if (!this.chance(0.2)) continue;
      out.push(name === "link" ? schema.marks.link.create({ href: `https://xa.gov.vn/tin/${this.int(100)}?a=${this.int(9)}` }) : schema.marks[name].create());
    }
    return out;
  }

  /** Runs of styled text separated by plain spaces (or line breaks where `breaks`). */
  inline(opts: { marks: string[]; breaks?: boolean; notes?: boolean; tricky?: boolean }): Node[] {
    const out: Node[] = [];
    const n = 1 + this.int(4);
    for (let i = 0; i < n; i++) {
      if (i) out.push(opts.breaks && this.chance(0.15) ? schema.nodes.hard_break.create() : schema.text(" "));
      const marks = this.marks(opts.marks);
      const code = marks.some((m) => m.type.name === "code");
      const text = code ? this.words(1 + this.int(2), false) : this.words(1 + this.int(5), opts.tricky !== false);
      out.push(schema.text(text, marks));
      if (opts.notes && this.chance(0.1)) out.push(schema.nodes.footnote_ref.create({ label: String(++this.footnotes) }));
    }
    return out;
  }

  paragraph(notes = true): Node {
    return schema.nodes.paragraph.create(null, this.inline({ marks: ["link", "underline", "em", "strong", "strike", "code"], breaks: true, notes }));
  }

  list(depth: number): Node {
    const ordered = this.chance(0.5);
    const items: Node[] = [];
    for (let i = 0, n = 1 + this.int(4); i < n; i++) {
      const content = [this.paragraph()];
      if (depth < 2 && this.chance(0.2)) content.push(this.list(depth + 1));
      const checked = this.chance(0.2) ? this.chance(0.5) : null;
      items.push(schema.nodes.list_item.create({ checked }, content));
    }
    return ordered
      ? schema.nodes.ordered_list.create({ order: depth || this.chance(0.7) ? 1 : 1 + this.int(12) }, items)
      : schema.nodes.bullet_list.create(null, items);
  }

  table(): Node {
    const cols = 1 + this.int(4);
    const align = Array.from({ length: cols }, () => this.pick([null, "left", "center", "right"]));
    const rows: Node[] = [];
    for (let r = 0, n = 1 + this.int(4); r < n; r++) {
      const cell = r === 0 ? schema.nodes.table_header : schema.nodes.table_cell;
      const cells = align.map((a) => cell.create({ align: a }, this.chance(0.15) ? [] : this.inline({ marks: ["underline", "em", "strong", "code"], notes: false })));
      rows.push(schema.nodes.table_row.create(null, cells));
    }
    return schema.nodes.table.create(null, rows);
  }

  block(depth: number): Node {
    const n = schema.nodes;
    switch (this.int(12)) {
      case 0:
        return n.heading.create({ level: 1 + this.int(6) }, this.inline({ marks: ["underline", "em", "strong"] }));
      case 1:
        return this.list(0);
      case 2:
        return depth < 2 ? n.blockquote.create(null, [this.block(depth + 1), ...(this.chance(0.5) ? [this.paragraph()] : [])]) : this.paragraph();
      case 3:
        return this.table();
      case 4:
        return n.figure.create({ src: `asset:${"0123456789abcdef".repeat(4).slice(this.int(8))}` }, this.chance(0.2) ? [] : this.inline({ marks: ["underline", "em", "strong"], tricky: true }));
      case 5: {
        const lines = Array.from({ length: 1 + this.int(3) }, () => (this.chance(0.3) ? "  " : "") + this.words(3, true));
        return n.code_block.create(null, schema.text(lines.join("\n")));
      }
      case 6:
        return this.chance(0.5) ? n.horizontal_rule.create() : n.page_break.create();
      default:
        return this.paragraph();
    }
  }

  doc(): Node {
    const blocks = Array.from({ length: 1 + this.int(8) }, () => this.block(0));
    const notes = Array.from({ length: this.footnotes }, (_, i) =>
      schema.nodes.footnote_def.create({ label: String(i + 1) }, [this.paragraph(false), ...(this.chance(0.2) ? [this.paragraph(false)] : [])]),
    );
    return schema.nodes.doc.create(null, [...blocks, ...notes]);
  }
}

/** `count` documents, the same ones on every run. */
export function generatedDocs(count: number, seed = 20261202): Node[] {
  return Array.from({ length: count }, (_, i) => new Gen(rng(seed + i)).doc());
}
