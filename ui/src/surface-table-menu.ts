// The small menu of a table on the Soạn surface: rows and columns added or
// removed, the table deleted, the column aligned. Opened by right-clicking a
// cell (as in Word), or with Bảng while the cursor is in a table.
import type { EditorView } from "prosemirror-view";
import { TextSelection, type Command } from "prosemirror-state";
import { addColumnAfter, addColumnBefore, addRowAfter, addRowBefore, deleteColumn, deleteRow, deleteTable, selectedRect } from "prosemirror-tables";
import type { Align } from "./surface-schema";

/** Aligns the cursor's column (all its cells, header included). */
export function alignColumn(align: Align): Command {
  return (state, dispatch) => {
    const rect = selectedRect(state);
    if (dispatch) {
      const tr = state.tr;
      for (let row = 0; row < rect.map.height; row++) {
        for (let col = rect.left; col < rect.right; col++) {
          const pos = rect.tableStart + rect.map.map[row * rect.map.width + col];
          const cell = tr.doc.nodeAt(pos);
          if (cell) tr.setNodeMarkup(pos, null, { ...cell.attrs, align });
        }
      }
      dispatch(tr);
    }
    return true;
  };
}

const ITEMS: [string, Command][] = [
  ["Thêm hàng phía trên", addRowBefore],
  ["Thêm hàng phía dưới", addRowAfter],
  ["Thêm cột bên trái", addColumnBefore],
  ["Thêm cột bên phải", addColumnAfter],
  ["Xóa hàng này", deleteRow],
  ["Xóa cột này", deleteColumn],
  ["Căn cột sang trái", alignColumn("left")],
  ["Căn cột vào giữa", alignColumn("center")],
  ["Căn cột sang phải", alignColumn("right")],
  ["Xóa cả bảng", deleteTable],
];

let open: HTMLElement | null = null;

function close() {
  open?.remove();
  open = null;
  document.removeEventListener("mousedown", outside, true);
}

function outside(e: Event) {
  if (open && !open.contains(e.target as Node)) close();
}

/** Shows the menu at (x, y) in the window for the table the cursor is in. */
export function openTableMenu(view: EditorView, x: number, y: number) {
  close();
  const menu = document.createElement("div");
  menu.className = "table-menu";
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-label", "Bảng");
  for (const [label, command] of ITEMS) {
    const b = document.createElement("button");
    b.type = "button";
    b.setAttribute("role", "menuitem");
    b.textContent = label;
    b.disabled = !command(view.state);
    b.addEventListener("click", () => {
      // The editor has the focus back before the menu goes: removing a focused
      // button would leave the input method (Unikey, IBus) without a place to type.
      view.focus();
      close();
      command(view.state, view.dispatch);
    });
    menu.append(b);
  }
  menu.addEventListener("keydown", (e) => {
    const buttons = Array.from(menu.querySelectorAll<HTMLButtonElement>("button:not(:disabled)"));
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Escape") {
      view.focus();
      close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      buttons[(i + (e.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    }
  });
  document.body.append(menu);
  const r = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(4, Math.min(x, window.innerWidth - r.width - 4))}px`;
  menu.style.top = `${Math.max(4, Math.min(y, window.innerHeight - r.height - 4))}px`;
  open = menu;
  menu.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  document.addEventListener("mousedown", outside, true);
}

/** Right-click in a cell: the cursor goes there and the menu opens. */
export function tableContextMenu(view: EditorView, event: MouseEvent): boolean {
  const cell = (event.target as HTMLElement).closest("td, th");
  if (!cell || !view.dom.contains(cell)) return false;
  const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
  if (at) view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at.pos))));
  event.preventDefault();
  openTableMenu(view, event.clientX, event.clientY);
  return true;
}
