// What the toolbar and Word's shortcuts do on the Soạn surface: each acts on
// the selection and leaves the cursor where typing continues, and each is one
// step for Ctrl+Z.
import { chainCommands, createParagraphNear, exitCode, lift, liftEmptyBlock, newlineInCode, setBlockType, splitBlock, toggleMark, wrapIn } from "prosemirror-commands";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { addRowAfter, goToNextCell, isInTable } from "prosemirror-tables";
import { NodeSelection, Selection, TextSelection, type Command as PmCommand, type EditorState } from "prosemirror-state";
import type { MarkType, Node, NodeType } from "prosemirror-model";
import { schema } from "./surface-schema";

const n = schema.nodes;

/** The nearest ancestor of the selection's start of one of `types`, with its depth. */
function ancestor(state: EditorState, types: NodeType[]): { node: Node; depth: number } | null {
  const $from = state.selection.$from;
  for (let d = $from.depth; d > 0; d--) if (types.includes($from.node(d).type)) return { node: $from.node(d), depth: d };
  return null;
}

/** Đề mục k, or back to Đoạn văn when the block already is one (as Word's style box does). */
export function toggleHeading(level: number): PmCommand {
  return (state, dispatch) => {
    const parent = state.selection.$from.parent;
    if (parent.type === n.heading && parent.attrs.level === level) return setBlockType(n.paragraph)(state, dispatch);
    return setBlockType(n.heading, { level })(state, dispatch);
  };
}

/** Đoạn văn: a heading back to running text; a paragraph in a quote out of it. */
export const toParagraph: PmCommand = (state, dispatch) => {
  if (state.selection.$from.parent.type !== n.paragraph) return setBlockType(n.paragraph)(state, dispatch);
  return ancestor(state, [n.blockquote]) ? lift(state, dispatch) : false;
};

/** The style box's name of the block the cursor is in. */
export function blockStyle(state: EditorState): "paragraph" | "heading1" | "heading" | "heading3" | "quote" {
  const parent = state.selection.$from.parent;
  if (parent.type === n.heading && parent.attrs.level <= 3) return (["heading1", "heading", "heading3"] as const)[parent.attrs.level - 1];
  if (ancestor(state, [n.blockquote])) return "quote";
  return "paragraph";
}

/**
 * The list buttons: a list of the other kind changes kind, a list of this
 * kind is taken away, anything else becomes a list.
 */
export function toggleList(type: NodeType): PmCommand {
  return (state, dispatch) => {
    const list = ancestor(state, [n.bullet_list, n.ordered_list]);
    if (list && list.node.type === type) return liftListItem(n.list_item)(state, dispatch);
    if (list) {
      if (dispatch) dispatch(state.tr.setNodeMarkup(state.selection.$from.before(list.depth), type, type === n.ordered_list ? { order: 1 } : {}));
      return true;
    }
    return wrapInList(type)(state, dispatch);
  };
}

export const toggleQuote: PmCommand = (state, dispatch) =>
  ancestor(state, [n.blockquote]) ? lift(state, dispatch) : wrapIn(n.blockquote)(state, dispatch);

/** Puts `node` after the block the cursor is in (or instead of it when it is an empty paragraph). */
function insertBlockAfter(state: EditorState, node: Node) {
  const { $from } = state.selection;
  const tr = state.tr;
  const depth = Math.max(1, $from.depth);
  const block = $from.node(depth);
  if (block.type === n.paragraph && block.content.size === 0 && depth === 1) {
    tr.replaceWith($from.before(depth), $from.after(depth), node);
    return { tr, at: $from.before(depth) };
  }
  const at = $from.after(depth);
  tr.insert(at, node);
  return { tr, at };
}

/** A table of `rows` rows (the first is the header row) and `cols` columns; the cursor in its first cell. */
export function insertTable(rows: number, cols: number): PmCommand {
  return (state, dispatch) => {
    const row = (cell: NodeType) => n.table_row.create(null, Array.from({ length: cols }, () => cell.create()));
    const table = n.table.create(null, [row(n.table_header), ...Array.from({ length: Math.max(0, rows - 1) }, () => row(n.table_cell))]);
    const { tr, at } = insertBlockAfter(state, table);
    // A paragraph after the table, so typing can go on below it.
    const after = at + table.nodeSize;
    if (!tr.doc.resolve(after).nodeAfter) tr.insert(after, n.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, at + 3));
    if (dispatch) dispatch(tr.scrollIntoView());
    return true;
  };
}

/** A photo with an empty caption under it; the cursor in the caption, so typing writes it. */
export function insertFigure(src: string): PmCommand {
  return (state, dispatch) => {
    const figure = n.figure.create({ src });
    const { tr, at } = insertBlockAfter(state, figure);
    const after = at + figure.nodeSize;
    if (!tr.doc.resolve(after).nodeAfter) tr.insert(after, n.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, at + 1));
    if (dispatch) dispatch(tr.scrollIntoView());
    return true;
  };
}

export const insertPageBreak: PmCommand = (state, dispatch) => {
  const { tr, at } = insertBlockAfter(state, n.page_break.create());
  const after = at + n.page_break.create().nodeSize;
  if (!tr.doc.resolve(after).nodeAfter) tr.insert(after, n.paragraph.create());
  tr.setSelection(Selection.near(tr.doc.resolve(after)));
  if (dispatch) dispatch(tr.scrollIntoView());
  return true;
};

/** The link on the selection: `href` set, or taken away when empty. With no selection, `text` is inserted linked. */
export function setLink(href: string, text: string): PmCommand {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    const tr = state.tr;
    if (!href) {
      tr.removeMark(from, to, schema.marks.link);
    } else if (empty) {
      const label = text || href;
      tr.insertText(label, from, to).addMark(from, from + label.length, schema.marks.link.create({ href }));
    } else {
      tr.addMark(from, to, schema.marks.link.create({ href }));
    }
    if (dispatch) dispatch(tr);
    return true;
  };
}

/** The link under the cursor, if any. */
export function linkAt(state: EditorState): string {
  const { $from, from, empty } = state.selection;
  const marks = empty ? $from.marks() : (state.doc.nodeAt(from)?.marks ?? []);
  return marks.find((m) => m.type === schema.marks.link)?.attrs.href ?? "";
}

/** Enter in a caption: the text goes on in a new paragraph under the photo. */
const enterInCaption: PmCommand = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.parent.type !== n.figure) return false;
  const after = $from.after();
  if (dispatch) {
    const tr = state.tr.insert(after, n.paragraph.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
  }
  return true;
};

/** Enter in a table cell: nothing (a GFM cell holds one line). */
const enterInTable: PmCommand = (state) => isInTable(state);

/** Enter on an empty list item: the list ends there, as in Word. */
const leaveList: PmCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.depth < 2 || $from.parent.content.size > 0) return false;
  const item = $from.node(-1);
  if (item.type !== n.list_item || item.childCount !== 1) return false;
  return liftListItem(n.list_item)(state, dispatch);
};

/** Enter: a new paragraph, as in Word; in a list the next item (on an empty one, out of the list). */
export const enter: PmCommand = chainCommands(
  enterInCaption,
  enterInTable,
  newlineInCode,
  leaveList,
  splitListItem(n.list_item),
  createParagraphNear,
  liftEmptyBlock,
  splitBlock,
);

/** Shift+Enter: a line break inside a paragraph; a new line in code. Elsewhere nothing (a heading, caption or cell is one line). */
export const lineBreak: PmCommand = (state, dispatch) => {
  const parent = state.selection.$from.parent;
  if (parent.type === n.code_block) return exitCode(state, dispatch) || true;
  if (parent.type !== n.paragraph) return true;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(n.hard_break.create()).scrollIntoView());
  return true;
};

/** Tab: the next cell in a table (a new row after the last, as in Word), a deeper list item; elsewhere nothing. */
export const tab: PmCommand = (state, dispatch) => {
  if (isInTable(state)) {
    if (goToNextCell(1)(state, dispatch)) return true;
    // The last cell: a new row, the cursor in its first cell.
    const row = ancestor(state, [n.table_row]);
    if (!row || !dispatch) return true;
    const rowEnd = state.selection.$from.after(row.depth);
    return addRowAfter(state, (tr) => dispatch(tr.setSelection(TextSelection.create(tr.doc, rowEnd + 2)).scrollIntoView()));
  }
  if (ancestor(state, [n.list_item])) return sinkListItem(n.list_item)(state, dispatch) || true;
  return true;
};

export const shiftTab: PmCommand = (state, dispatch) => {
  if (isInTable(state)) return goToNextCell(-1)(state, dispatch) || true;
  if (ancestor(state, [n.list_item])) return liftListItem(n.list_item)(state, dispatch) || true;
  return true;
};

/** Backspace at the start of a list item takes it out of the list (Word does the same). */
export const backspaceInList: PmCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset > 0 || $from.depth < 2) return false;
  const item = $from.node(-1);
  if (item.type !== n.list_item || $from.index(-1) !== 0) return false;
  return liftListItem(n.list_item)(state, dispatch);
};

/** Backspace right after a photo or a page break selects it first, as Word does with pictures. */
export const backspaceAfterAtom: PmCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset > 0 || $from.depth !== 1) return false;
  const before = $from.index(0) > 0 ? state.doc.child($from.index(0) - 1) : null;
  if (!before || (before.type !== n.page_break && before.type !== n.figure)) return false;
  if (before.type === n.figure && $from.parent.content.size > 0) return false;
  if (dispatch) dispatch(state.tr.setSelection(NodeSelection.create(state.doc, $from.before() - before.nodeSize)));
  return true;
};

export const bold = toggleMark(schema.marks.strong);
export const italic = toggleMark(schema.marks.em);
export const underline = toggleMark(schema.marks.underline);

export interface ActiveMarks {
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/**
 * Which of the toolbar's character styles the typing position has, or, for a
 * selection, all of its text has (as Word shows its B, I and U pressed).
 */
export function activeMarks(state: EditorState): ActiveMarks {
  const { from, to, empty, $from } = state.selection;
  const has = (type: MarkType) => {
    if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
    let any = false;
    let all = true;
    state.doc.nodesBetween(from, to, (node) => {
      if (node.isText) type.isInSet(node.marks) ? (any = true) : (all = false);
    });
    return any && all;
  };
  return { bold: has(schema.marks.strong), italic: has(schema.marks.em), underline: has(schema.marks.underline) };
}
export const orderedList = toggleList(n.ordered_list);
export const bulletList = toggleList(n.bullet_list);
