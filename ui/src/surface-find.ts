// Tìm và thay thế on the Soạn surface (Ctrl+F, Ctrl+H), as Word's find bar:
// matches are marked in the text, Enter goes to the next one (Shift+Enter the
// one before), Thay replaces the one selected, Thay tất cả every one in one
// step for Ctrl+Z, Escape closes and gives the text back its cursor.
// The searching itself is prosemirror-search.
import type { EditorView } from "prosemirror-view";
import type { EditorState } from "prosemirror-state";
import { SearchQuery, findNext, findPrev, getSearchState, replaceAll, replaceNext, setSearchState } from "prosemirror-search";
import { formatInteger } from "./format";

export interface FindBar {
  open(replace: boolean): void;
  /** Closes the bar; the text gets the cursor back unless `quietly`. */
  close(quietly?: boolean): void;
}

/** How many matches the query has (up to a limit that no article reaches). */
function countMatches(state: EditorState, query: SearchQuery): number {
  let n = 0;
  for (let at = 0, r = query.findNext(state, at); r && n < 10_000; r = query.findNext(state, at)) {
    n++;
    at = r.to > r.from ? r.to : r.to + 1;
  }
  return n;
}

export function createFindBar(view: () => EditorView, host: HTMLElement, before: HTMLElement): FindBar {
  const bar = document.createElement("div");
  bar.className = "find-bar";
  bar.hidden = true;
  bar.setAttribute("role", "search");
  bar.innerHTML = `
    <input name="search" placeholder="Tìm" aria-label="Tìm" autocomplete="off" spellcheck="false" />
    <button type="button" name="next" title="Chỗ tiếp theo (Enter)">Tiếp</button>
    <button type="button" name="prev" title="Chỗ trước (Shift+Enter)">Trước</button>
    <label><input type="checkbox" name="case" /> Khớp chữ hoa</label>
    <span class="find-count" aria-live="polite"></span>
    <span class="find-replace">
      <input name="replace" placeholder="Thay thế" aria-label="Thay thế" autocomplete="off" spellcheck="false" />
      <button type="button" name="replaceNext">Thay</button>
      <button type="button" name="replaceAll">Thay tất cả</button>
    </span>
    <button type="button" name="close" class="find-close" aria-label="Đóng" title="Đóng (Esc)">×</button>`;
  host.insertBefore(bar, before);
  const field = (name: string) => bar.querySelector<HTMLInputElement>(`input[name='${name}']`)!;
  const count = bar.querySelector<HTMLElement>(".find-count")!;

  function query(): SearchQuery {
    return new SearchQuery({ search: field("search").value, caseSensitive: field("case").checked, replace: field("replace").value, literal: true });
  }

  /** Hands the query to the surface (its matches get marked) and says how many there are. */
  function update() {
    const v = view();
    const q = query();
    v.dispatch(setSearchState(v.state.tr, q));
    if (!q.search) count.textContent = "";
    else {
      const n = countMatches(v.state, q);
      count.textContent = n ? `${formatInteger(n)} chỗ` : "Không tìm thấy";
    }
  }

  const act = (command: typeof findNext) => {
    const v = view();
    update();
    command(v.state, v.dispatch);
    update();
  };

  bar.addEventListener("input", update);
  bar.addEventListener("click", (e) => {
    const name = (e.target as HTMLElement).closest("button")?.name;
    if (name === "next") act(findNext);
    else if (name === "prev") act(findPrev);
    else if (name === "replaceNext") act(replaceNext);
    else if (name === "replaceAll") act(replaceAll);
    else if (name === "close") close();
  });
  bar.addEventListener("keydown", (e) => {
    if (e.isComposing) return;
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const inReplace = (e.target as HTMLElement).getAttribute("name") === "replace";
      act(inReplace ? replaceNext : e.shiftKey ? findPrev : findNext);
    }
  });

  function open(replace: boolean) {
    const v = view();
    bar.hidden = false;
    // What is selected in the text is what to look for, as in Word.
    const { from, to } = v.state.selection;
    const selected = v.state.doc.textBetween(from, to, " ");
    if (selected && !selected.includes("\n") && selected.length < 200) field("search").value = selected;
    update();
    const target = replace ? field("replace") : field("search");
    target.focus();
    target.select();
  }

  function close(quietly = false) {
    if (bar.hidden) return;
    bar.hidden = true;
    count.textContent = "";
    const v = view();
    if (getSearchState(v.state)?.query.search) v.dispatch(setSearchState(v.state.tr, new SearchQuery({ search: "" })));
    if (!quietly) v.focus();
  }

  return { open, close };
}
