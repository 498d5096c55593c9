// Markdown → surface → Markdown loses nothing. Three checks:
// - every sample article and a corpus of tricky constructs, round-tripped,
//   gives the same document *as the core reads it*: both texts are imported
//   into a scratch library with the real `bantin` CLI and `bantin show ID
//   --html` (the core's Document rendered by preview.rs, which shows every
//   part of it: styles, links, list starts, tasks, alignment, figures with
//   captions, footnotes, page breaks) must be the same. Skipped, and said,
//   when no `bantin` binary is built (BANTIN_BIN or $CARGO_TARGET_DIR/debug/bantin);
// - writing is stable: Markdown written once and read again is written the same;
// - generated surface documents come back from their Markdown unchanged.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Node } from "prosemirror-model";
import { parseMarkdown, toMarkdown } from "./surface-markdown";
import { generatedDocs } from "./surface-generate";

const SAMPLES = join(__dirname, "../../assets/sample");
const roundTrip = (md: string) => toMarkdown(parseMarkdown(md));

/** Tricky constructs, each a body of its own. */
export const CORPUS: string[] = [
  "Một *hai* **ba** ~~bốn~~ `năm` [sáu](https://x.vn/a_(b))\\\ndòng hai[^1]\n\n[^1]: Chú thích *một*.\n",
  "![Ảnh *đẹp* nhất](asset:0123456789abcdef0123456789abcdef)\n\nChữ sau ảnh.\n",
  "Đoạn có ảnh ![giữa](asset:0123456789abcdef) trong câu.\n",
  "![](hoi-nghi.jpg \"Tiêu đề làm chú thích\")\n",
  "![a](hoi-nghi.jpg) ![b](hoi-nghi.jpg)\n",
  "- [x] xong\n- [ ] chưa\n- thường\n",
  "1. một\n2. hai\n\n<!-- -->\n\n1. danh sách khác\n",
  "- a\n- b\n\n\n- c\n",
  "3. bắt đầu từ ba\n4. bốn\n",
  "- ngoài\n  - trong\n    1. sâu\n\n  đoạn hai của mục\n",
  "> trích\n>\n> > lồng\n\n> khác\n",
  "| A | B | C |\n|:--|:-:|--:|\n| 1 \\| 2 | `x` | **đậm** |\n| | | |\n",
  "| Chỉ tiêu đề |\n|---|\n",
  "```\ncode ``` trong\n\n  thụt\n```\n\n    thụt bốn\n",
  "---\n\n***\n\n\\pagebreak\n\n<!-- pagebreak -->\n\nHết.\n",
  "Setext\n===\n\nHai\n---\n\n###### Sáu\n",
  "Dấu \\*sao\\* và \\_gạch\\_ và snake_case và 1\\. số, \\# thăng, <b>thẻ</b>, &amp; &copy; và \\&amp;\n",
  "1) ngoặc\n2) hai\n\nChữ\\\n- không phải danh sách\\\n1. cũng không\\\n   cách đầu dòng\n",
  "Liên kết <https://bantin.vn/a_b> và www.xa.gov.vn, thư hộp@xa.vn, [có tiêu đề](https://x.vn \"T\").\n",
  "[^a]: Chưa được nhắc tới.\n\nCâu có chú thích[^b] và lặp[^b].\n\n[^b]: Hai đoạn.\n\n    Đoạn thứ hai.\n",
  "**đậm *nghiêng* đậm** và *a **b*** và ***cả hai***\n",
  "Dòng có dấu   cách   giữa và cuối   \n",
  "    \n\nĐoạn sau dòng trống\n",
  "Tiếng Việt tổ hợp: Hoà, hòa, Ắ Ỗ ạ ỵ.\n",
  "Chữ <u>gạch chân</u>, <u>**đậm** và _nghiêng_</u>, **đậm <u>gạch</u>**, từ<u>giữa</u>từ, [<u>liên kết</u>](https://x.vn).\n",
  "<u>x <u>lồng</u></u> <u>lẻ, </u> thừa, \\<u>chữ\\</u>, <U>hoa</U>, *a <u>b* c</u>, <u class=\"x\">d</u>\n",
  "| <u>ô</u> | b |\n|---|---|\n| **<u>c</u>** | d |\n\n![Ảnh <u>gạch</u>](asset:0123456789abcdef)\n",
];

function findBantin(): string | null {
  const candidates = [
    process.env.BANTIN_BIN,
    process.env.CARGO_TARGET_DIR && join(process.env.CARGO_TARGET_DIR, "debug/bantin"),
    join(__dirname, "../../target/debug/bantin"),
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** The core's reading of each body (preview HTML of its Document), one import for all. */
function coreDocuments(bin: string, bodies: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "bantin-surface-"));
  const library = join(dir, "thu-vien.sqlite");
  copyFileSync(join(SAMPLES, "hoi-nghi.jpg"), join(dir, "hoi-nghi.jpg"));
  const files = bodies.map((body, i) => {
    const f = join(dir, `bai-${i}.md`);
    writeFileSync(f, `---\ntitle: Bài ${i}\n---\n${body}`);
    return f;
  });
  const ids = execFileSync(bin, ["--library", library, "import", ...files], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.split("\t")[0]);
  return ids.map((id) => execFileSync(bin, ["--library", library, "show", id, "--html"], { encoding: "utf8" }).replace(/<title>.*?<\/h1>/s, ""));
}

/** The words of a text, sorted: footnotes print at the end, the surface keeps them where written. */
const sortedWords = (text: string) => text.split(/\s+/).filter((w) => w && w !== "↩").sort();

/** The words the core's preview HTML shows. */
function words(html: string): string[] {
  const text = html
    .replace(/<[^>]+>/g, " ")
    // A figure whose image is not in the library shows where it should be.
    .replace(/\[ảnh: [^\]]*\]/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return sortedWords(text);
}

/** The words the surface shows (footnote marks show their number). */
function surfaceWords(doc: Node): string[] {
  const parts: string[] = [];
  doc.descendants((n) => {
    if (n.isText) parts.push(n.text!);
    else if (n.type.name === "footnote_ref") parts.push(" " + n.attrs.label + " ");
    else if (n.isBlock || n.type.name === "hard_break") parts.push(" ");
    return true;
  });
  return sortedWords(parts.join(""));
}

const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".md"))
  .map((f) => readFileSync(join(SAMPLES, f), "utf8").replace(/^---\n[\s\S]*?\n---\n/, ""));

describe("Markdown through the Soạn surface", () => {
  const bodies = [...samples, ...CORPUS];

  it("has sample articles to check", () => expect(samples.length).toBeGreaterThanOrEqual(3));

  it("writes the same Markdown again once written (stable)", () => {
    for (const b of bodies) {
      const once = roundTrip(b);
      expect(roundTrip(once), b).toBe(once);
    }
  });

  const bin = findBantin();
  it.skipIf(!bin)("gives the core the same Document for every sample and tricky construct", () => {
    const before = coreDocuments(bin!, bodies);
    const after = coreDocuments(bin!, bodies.map(roundTrip));
    bodies.forEach((b, i) => expect(after[i], `${b}\n→\n${roundTrip(b)}`).toBe(before[i]));
  }, 60_000);

  it.skipIf(!bin)("gives the core the words the surface shows, for generated documents", () => {
    const docs = generatedDocs(200);
    const written = docs.map(toMarkdown);
    const core = coreDocuments(bin!, written);
    docs.forEach((doc, i) => expect(words(core[i]), written[i]).toEqual(surfaceWords(doc)));
  }, 60_000);

  it("reads back every generated surface document unchanged", () => {
    for (const doc of generatedDocs(1000)) {
      const md = toMarkdown(doc);
      const back = parseMarkdown(md);
      expect(back.toJSON(), md).toEqual(doc.toJSON());
    }
  });
});
