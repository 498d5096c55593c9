// Word's habits on the Soạn surface, checked on the Markdown they leave.
import { describe, expect, it } from "vitest";
import { EditorState, Selection, TextSelection, type Command } from "prosemirror-state";
import { history, undo } from "prosemirror-history";
import { schema } from "./surface-schema";
import { parseMarkdown, toMarkdown } from "./surface-markdown";
import * as cmd from "./surface-commands";
import { alignColumn } from "./surface-table-menu";
import { addColumnAfter, addRowAfter } from "prosemirror-tables";

/** A state on `md` with the cursor at the end of the text `at` (or of the document). */
function stateOf(md: string, at?: string): EditorState {
  const doc = parseMarkdown(md);
  let pos = Selection.atEnd(doc).from;
  if (at !== undefined) doc.descendants((n, p) => {
    const i = n.isText ? n.text!.indexOf(at) : -1;
    if (i >= 0) pos = p + i + at.length;
  });
  const s = EditorState.create({ schema, doc, plugins: [history()] });
  return s.apply(s.tr.setSelection(TextSelection.create(doc, pos)));
}

function apply(s: EditorState, ...commands: Command[]): EditorState {
  for (const c of commands) c(s, (tr) => (s = s.apply(tr)));
  return s;
}

const type = (text: string): Command => (s, d) => {
  d?.(s.tr.insertText(text));
  return true;
};

const md = (s: EditorState) => toMarkdown(s.doc);

describe("Soạn: Word's habits", () => {
  it("Ctrl+U underlines the selection as <u>, and the toolbar sees it", () => {
    let s = stateOf("Chi bộ họp bàn.");
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 8, 11)));
    expect(cmd.activeMarks(s).underline).toBe(false);
    s = apply(s, cmd.underline);
    expect(md(s)).toBe("Chi bộ <u>họp</u> bàn.\n");
    expect(cmd.activeMarks(s)).toEqual({ bold: false, italic: false, underline: true });
    s = apply(s, cmd.bold);
    expect(md(s)).toBe("Chi bộ <u>**họp**</u> bàn.\n");
    // A selection only partly underlined does not show the button pressed.
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 5, 11)));
    expect(cmd.activeMarks(s).underline).toBe(false);
    // Typing after an empty-selection Ctrl+U is underlined; Ctrl+U again ends it.
    let t = stateOf("Chi bộ");
    t = apply(t, cmd.underline, type(" họp"), cmd.underline, type(" bàn"));
    expect(md(t)).toBe("Chi bộ <u>họp</u> bàn\n");
  });

  it("Enter starts a new paragraph", () => {
    expect(md(apply(stateOf("Một"), cmd.enter, type("Hai")))).toBe("Một\n\nHai\n");
  });

  it("Shift+Enter breaks the line inside the paragraph", () => {
    expect(md(apply(stateOf("Một"), cmd.lineBreak, type("Hai")))).toBe("Một\\\nHai\n");
  });

  it("Tab in a paragraph changes nothing", () => {
    const s = stateOf("Chi bộ họp.", "");
    const after = apply(s, cmd.tab, cmd.shiftTab);
    expect(after.doc.eq(s.doc)).toBe(true);
  });

  it("the list buttons make, change and take away a list", () => {
    const s = stateOf("Thôn Lạc Nam");
    const bullets = apply(s, cmd.bulletList);
    expect(md(bullets)).toBe("- Thôn Lạc Nam\n");
    expect(md(apply(bullets, cmd.orderedList))).toBe("1. Thôn Lạc Nam\n");
    expect(md(apply(bullets, cmd.bulletList))).toBe("Thôn Lạc Nam\n");
  });

  it("Enter in a list makes the next item; Enter on an empty item leaves the list", () => {
    const s = apply(stateOf("- Một"), cmd.enter, type("Hai"), cmd.enter, cmd.enter, type("Sau"));
    expect(md(s)).toBe("- Một\n- Hai\n\nSau\n");
  });

  it("Backspace at a list item's start takes it out of the list", () => {
    const start = stateOf("- Một\n- Hai", "");
    expect(md(apply(start, cmd.backspaceInList))).toBe("- Một\n\nHai\n");
  });

  it("Ctrl+B twice leaves nothing behind; on a selection it makes it bold", () => {
    expect(md(apply(stateOf("Chữ"), cmd.bold, cmd.bold, type(" thường")))).toBe("Chữ thường\n");
    expect(md(apply(stateOf("Chữ"), cmd.bold, type(" đậm")))).toBe("Chữ **đậm**\n");
  });

  it("headings toggle back to a paragraph", () => {
    const h = apply(stateOf("Kết quả"), cmd.toggleHeading(2));
    expect(md(h)).toBe("## Kết quả\n");
    expect(md(apply(h, cmd.toggleHeading(2)))).toBe("Kết quả\n");
  });

  it("the style box: Đoạn văn takes a heading back and a paragraph out of its quote; it shows where the cursor is", () => {
    expect(md(apply(stateOf("## Kết quả"), cmd.toParagraph))).toBe("Kết quả\n");
    expect(md(apply(stateOf("> Trích"), cmd.toParagraph))).toBe("Trích\n");
    expect(cmd.blockStyle(stateOf("### Ba"))).toBe("heading3");
    expect(cmd.blockStyle(stateOf("> Trích"))).toBe("quote");
    expect(cmd.blockStyle(stateOf("Đoạn"))).toBe("paragraph");
  });

  it("Bảng inserts a rows × columns grid; Tab goes cell to cell and adds a row after the last", () => {
    let s = apply(stateOf("Trước"), cmd.insertTable(3, 3));
    s = apply(s, ...["Thôn", "Số hộ", "Tỉ lệ", "Lạc Nam", "70", "58%", "Xuân Hòa", "50", "42%"].flatMap((t) => [type(t), cmd.tab]), type("Cuối"));
    expect(md(s)).toBe(
      "Trước\n\n| Thôn | Số hộ | Tỉ lệ |\n|---|---|---|\n| Lạc Nam | 70 | 58% |\n| Xuân Hòa | 50 | 42% |\n| Cuối |   |   |\n",
    );
  });

  it("the table menu aligns a column and adds rows and columns", () => {
    const s = stateOf("| A | B |\n|---|---|\n| 1 | 2 |", "2");
    expect(md(apply(s, alignColumn("right")))).toBe("| A | B |\n|---|---:|\n| 1 | 2 |\n");
    expect(md(apply(s, addRowAfter, addColumnAfter))).toBe("| A | B |   |\n|---|---|---|\n| 1 | 2 |   |\n|   |   |   |\n");
  });

  it("Enter and Shift+Enter in a table cell leave the grid alone", () => {
    const s = apply(stateOf("| A | B |\n|---|---|\n| 1 | 2 |", "1"), cmd.enter, cmd.lineBreak);
    expect(md(s)).toBe("| A | B |\n|---|---|\n| 1 | 2 |\n");
  });

  it("a photo goes in with an empty caption, never a placeholder; typing writes the caption", () => {
    const s = apply(stateOf("Trước"), cmd.insertFigure("asset:0123456789abcdef"));
    expect(md(s)).toBe("Trước\n\n![](asset:0123456789abcdef)\n");
    expect(md(apply(s, type("Hội nghị chi bộ")))).toBe("Trước\n\n![Hội nghị chi bộ](asset:0123456789abcdef)\n");
    expect(md(apply(s, type("Chú thích"), cmd.enter, type("Đoạn sau")))).toBe("Trước\n\n![Chú thích](asset:0123456789abcdef)\n\nĐoạn sau\n");
  });

  it("undo takes back a whole toolbar action", () => {
    const s = apply(stateOf("Trước"), cmd.insertTable(2, 2));
    expect(md(apply(s, undo))).toBe("Trước\n");
  });

  it("a link goes on the selection, or in with its words", () => {
    expect(md(apply(stateOf("Xem"), type(" "), cmd.setLink("https://xa.gov.vn", "cổng thông tin")))).toBe("Xem [cổng thông tin](https://xa.gov.vn)\n");
  });
});
