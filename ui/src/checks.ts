// Kiểm tra: the panel that follows the text as one types. A quiet moment
// after an edit, the core checks the article as it is on screen (spelling,
// typography, the report's blocks); each finding is underlined in Soạn and
// in Mã nguồn and listed with its place, severity and sentence, with Sửa
// where the fix is safe (one editor transaction: Ctrl+Z undoes it) and
// Thêm vào từ điển for a word the list does not know.
import { Plugin, PluginKey, TextSelection } from "prosemirror-state";
import { Decoration as PmDecoration, DecorationSet as PmDecorationSet, type EditorView as PmView } from "prosemirror-view";
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import { api, errorMessage, type CheckFinding, type Content } from "./api";
import { locate, surfaceText } from "./check-marks";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { debounce, escapeHtml } from "./format";
import type { ArticleEditor } from "./article-editor";
import type { AppStore } from "./state";

/** Milliseconds of quiet typing before the checks run again. */
const CHECK_MS = 400;

export const SEVERITY: Record<CheckFinding["severity"], string> = { loi: "lỗi", "canh-bao": "cảnh báo", "goi-y": "gợi ý" };
const FIELDS: Record<string, string> = { title: "Tiêu đề", summary: "Tóm tắt", author: "Tác giả – nguồn" };

const markClass = (f: CheckFinding) => `check-mark sev-${f.severity}`;

// Soạn: the findings as inline decorations, moved along by every edit until the next check replaces them.
const surfaceKey = new PluginKey<PmDecorationSet>("kiem-tra");
export const surfaceMarks = new Plugin<PmDecorationSet>({
  key: surfaceKey,
  state: {
    init: () => PmDecorationSet.empty,
    apply: (tr, set) => tr.getMeta(surfaceKey) ?? set.map(tr.mapping, tr.doc),
  },
  props: { decorations: (state) => surfaceKey.getState(state) },
});

function showOnSurface(view: PmView, markdown: string, found: CheckFinding[]) {
  const text = surfaceText(view.state.doc);
  const decos: PmDecoration[] = [];
  for (const f of found) {
    const r = f.from === null ? null : locate(markdown, f.from, f.text, text);
    if (r) decos.push(PmDecoration.inline(r[0], r[1], { class: markClass(f), title: f.message }));
  }
  view.dispatch(view.state.tr.setMeta(surfaceKey, PmDecorationSet.create(view.state.doc, decos)).setMeta("addToHistory", false));
}

// Mã nguồn: the same findings as mark decorations at their offsets in the Markdown.
const setSourceMarks = StateEffect.define<DecorationSet>();
export const sourceMarks = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, tr) {
    for (const e of tr.effects) if (e.is(setSourceMarks)) return e.value;
    return set.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Whether the Markdown view holds `f`'s text at `f`'s offsets. */
function inSource(view: EditorView, f: CheckFinding): boolean {
  const doc = view.state.doc;
  return f.from !== null && f.to !== null && f.to > f.from && f.to <= doc.length && doc.sliceString(f.from, f.to) === f.text;
}

function showInSource(view: EditorView, found: CheckFinding[]) {
  const ranges = found.filter((f) => inSource(view, f)).map((f) => Decoration.mark({ class: markClass(f), attributes: { title: f.message } }).range(f.from!, f.to!));
  view.dispatch({ effects: setSourceMarks.of(Decoration.set(ranges, true)) });
}

export interface ChecksDeps {
  state: AppStore;
  editor: ArticleEditor;
  content: () => Content;
}

export interface Checks {
  /** After an edit: checks again after a quiet moment. */
  schedule(): void;
  /** Checks now (an article just opened). */
  now(): void;
}

export function initChecks({ state, editor, content }: ChecksDeps): Checks {
  let found: CheckFinding[] = [];
  /** The Markdown the findings were made on. */
  let checked = "";
  let sequence = 0;
  const inSurface = () => state.get().editorMode === "surface";

  async function run() {
    const current = state.get().current;
    if (!current) return;
    const c = content();
    const mine = ++sequence;
    let result: CheckFinding[];
    try {
      result = await api.checkText(current.id, c);
    } catch (e) {
      $("checks-summary").textContent = `Chưa kiểm tra được: ${errorMessage(e)}`;
      return;
    }
    // A later check is on its way, or the text moved on while this one ran.
    if (mine !== sequence || state.get().current?.id !== current.id) return;
    if (editor.text() !== c.body) return schedule();
    found = result;
    checked = c.body;
    showOnSurface(editor.surface.view, checked, found);
    showInSource(editor.source.view, found);
    render();
  }
  const schedule = debounce(() => void run(), CHECK_MS);

  function place(f: CheckFinding): string {
    if (f.line > 0) return `Dòng ${f.line}, cột ${f.column}`;
    if (f.field) return FIELDS[f.field] ?? "Thuộc tính";
    return "Thông tin chung";
  }

  function render() {
    const counts = (s: CheckFinding["severity"]) => found.filter((f) => f.severity === s).length;
    const tab = document.querySelector<HTMLButtonElement>('.tabs button[data-tab="checks"]');
    if (tab) {
      // The count as a small badge beside the word, so the three tabs keep
      // to one line in the side panel (280 px) with "Kiểm tra" in full.
      const badge = document.createElement("span");
      badge.className = "tab-count";
      badge.textContent = String(found.length);
      badge.setAttribute("aria-label", `${found.length} mục`);
      tab.replaceChildren("Kiểm tra", ...(found.length ? [badge] : []));
    }
    $("checks-summary").textContent = found.length
      ? `${counts("loi")} lỗi, ${counts("canh-bao")} cảnh báo, ${counts("goi-y")} gợi ý.`
      : "Không thấy lỗi nào trong bài.";
    $("checks-list").innerHTML = found
      .map(
        (f, i) => `<li class="finding sev-${f.severity}" data-i="${i}">
  <div class="finding-head"><button type="button" class="finding-place" data-act="go">${escapeHtml(place(f))}</button>
  <span class="sev">${SEVERITY[f.severity]}</span>${f.text.trim() ? ` <q>${escapeHtml(f.text)}</q>` : ""}</div>
  <p>${escapeHtml(f.message)}</p>${f.where_to_set ? `<p class="where-to-set">${escapeHtml(f.where_to_set)}</p>` : ""}
  <div class="finding-actions">${f.fix !== null && (f.from !== null || f.field) ? `<button type="button" data-act="fix" title="${escapeHtml(f.fix ? `Thay bằng “${f.fix}”` : "Xóa")}">Sửa</button>` : ""}${f.word ? `<button type="button" data-act="word">Thêm vào từ điển</button>` : ""}</div>
</li>`,
      )
      .join("");
  }

  /** The finding's range in the view shown now, or null when the text moved on. */
  function rangeNow(f: CheckFinding): [number, number] | null {
    if (inSurface()) {
      if (f.from === null || editor.text() !== checked) return null;
      return locate(checked, f.from, f.text, surfaceText(editor.surface.view.state.doc));
    }
    return inSource(editor.source.view, f) ? [f.from!, f.to!] : null;
  }

  function fix(f: CheckFinding) {
    if (f.fix === null) return;
    if (f.field) {
      const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#meta [name="${f.field}"]`);
      if (input && input.value.includes(f.text)) {
        input.value = input.value.replace(f.text, f.fix);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return;
    }
    const r = rangeNow(f);
    if (!r) {
      toast("Đoạn này vừa thay đổi; Bản Tin đang kiểm tra lại.");
      schedule();
      return;
    }
    // One transaction, so Ctrl+Z puts the text back as it was.
    if (inSurface()) {
      const view = editor.surface.view;
      view.dispatch(view.state.tr.insertText(f.fix, r[0], r[1]).scrollIntoView());
      view.focus();
    } else {
      const view = editor.source.view;
      view.dispatch({ changes: { from: r[0], to: r[1], insert: f.fix }, selection: { anchor: r[0] + f.fix.length }, scrollIntoView: true });
      view.focus();
    }
  }

  function go(f: CheckFinding) {
    if (f.field) return document.querySelector<HTMLElement>(`#meta [name="${f.field}"]`)?.focus();
    const r = rangeNow(f);
    if (!r) return;
    if (inSurface()) {
      const view = editor.surface.view;
      view.focus();
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, r[0], r[1])).scrollIntoView());
    } else {
      const view = editor.source.view;
      view.focus();
      view.dispatch({ selection: { anchor: r[0], head: r[1] }, scrollIntoView: true });
    }
  }

  async function addWord(f: CheckFinding) {
    if (!f.word) return;
    try {
      const added = await api.addWord(f.word);
      toast(added ? `Đã thêm “${f.word}” vào từ điển của thư viện.` : `“${f.word}” đã có trong từ điển.`);
      void run();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  $("checks-list").addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-act]");
    const li = b?.closest<HTMLElement>("li[data-i]");
    if (!b || !li) return;
    const f = found[Number(li.dataset.i)];
    if (!f) return;
    if (b.dataset.act === "fix") fix(f);
    else if (b.dataset.act === "word") void addWord(f);
    else go(f);
  });

  // The side tabs: Kiểm tra shows its panel (Thuộc tính and Lịch sử hide theirs).
  document.querySelectorAll<HTMLButtonElement>(".tabs button").forEach((tab) =>
    tab.addEventListener("click", () => {
      $("checks").hidden = tab.dataset.tab !== "checks";
      if (tab.dataset.tab === "checks") schedule.flush();
    }),
  );

  return {
    schedule,
    now() {
      schedule();
      schedule.flush();
    },
  };
}
