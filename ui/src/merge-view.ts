// The merge view (issue 14): when two saves of an article crossed, the
// centre shows the two versions side by side, one row per place where both
// changed the same words, with the text both agree on between them. The
// editor keeps one version, both, or writes the place anew; the core
// (merge.rs) made the parts and puts the choices together into the new
// revision. Nothing here merges text: it shows and collects choices.
import { api, errorMessage, type MergePick, type MergeProposal } from "./api";
import "./together.css";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { crossedMessage, mergeButton, mergeIntro } from "./together-words";

export interface MergeView {
  /** Shows the merge if article `id` waits for one; says whether it does. */
  check(id: number): Promise<boolean>;
  /** After a save of article `id` crossed another: says so, and shows the merge. */
  crossed(id: number): Promise<void>;
  /** Back to the editor (another article opened). */
  hide(): void;
}

export interface MergeViewDeps {
  /** Puts the article on screen again after the merge was saved. */
  reopen: (id: number) => Promise<void>;
}

export function initMergeView({ reopen }: MergeViewDeps): MergeView {
  const view = $("merge-view");
  const list = $("merge-parts");
  const saveButton = $<HTMLButtonElement>("btn-merge-save");
  let shown: { id: number; proposal: MergeProposal; picks: (MergePick | null)[] } | null = null;

  function hide() {
    shown = null;
    view.hidden = true;
    $("panes").hidden = false;
    list.replaceChildren();
  }

  function paintButton() {
    const missing = shown ? shown.picks.filter((p) => p === null).length : 0;
    saveButton.textContent = mergeButton(missing);
    saveButton.disabled = missing > 0;
  }

  async function preview(markdown: string): Promise<HTMLElement> {
    const div = document.createElement("div");
    div.className = "merge-text preview-like";
    div.innerHTML = markdown.trim() ? await api.renderPreview(markdown) : "<p class=\"muted\">(để trống)</p>";
    return div;
  }

  function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }

  async function conflictRow(p: MergeProposal, n: number, ours: string, theirs: string): Promise<HTMLElement> {
    const row = document.createElement("section");
    row.className = "merge-conflict";
    row.dataset.conflict = String(n);
    const h = document.createElement("h3");
    h.textContent = `Chỗ khác nhau ${n + 1}`;
    const sides = document.createElement("div");
    sides.className = "merge-sides";
    const edit = document.createElement("textarea");
    edit.className = "merge-edit";
    edit.rows = 4;
    edit.hidden = true;
    edit.value = ours;
    edit.setAttribute("aria-label", `Tự sửa chỗ khác nhau ${n + 1}`);
    const choose = (pick: MergePick, chosen: string) => {
      if (!shown) return;
      shown.picks[n] = pick;
      row.dataset.chosen = chosen;
      edit.hidden = chosen !== "text";
      paintButton();
    };
    for (const [side, label, text] of [
      ["ours", p.current_by, ours],
      ["theirs", p.other_by, theirs],
    ] as const) {
      const col = document.createElement("div");
      col.className = `merge-side ${side}`;
      const head = document.createElement("h4");
      head.textContent = label;
      col.append(head, await preview(text), button("Giữ bản này", `Giữ ở chỗ này: ${label}`, () => choose({ keep: side }, side)));
      sides.append(col);
    }
    const more = document.createElement("p");
    more.className = "merge-more";
    more.append(
      button("Giữ cả hai", "Giữ cả hai bản, bản của bạn trước", () => choose({ keep: "both" }, "both")),
      button("Tự sửa…", "Viết lại chỗ này theo ý bạn", () => {
        choose({ keep: "text", text: edit.value }, "text");
        edit.focus();
      }),
    );
    edit.addEventListener("input", () => shown && (shown.picks[n] = { keep: "text", text: edit.value }));
    row.append(h, sides, more, edit);
    return row;
  }

  async function show(id: number, p: MergeProposal) {
    shown = { id, proposal: p, picks: [] };
    $("merge-intro").textContent = mergeIntro(p.conflicts, p.other_by);
    const rows: HTMLElement[] = [];
    let n = 0;
    for (const part of p.parts) {
      if (part.kind === "same") {
        const same = await preview(part.text);
        same.classList.add("merge-same");
        rows.push(same);
      } else {
        shown.picks.push(null);
        rows.push(await conflictRow(p, n++, part.ours, part.theirs));
      }
    }
    list.replaceChildren(...rows);
    paintButton();
    $("panes").hidden = true;
    view.hidden = false;
  }

  async function check(id: number): Promise<boolean> {
    try {
      const p = await api.mergeProposal(id);
      if (!p) {
        if (shown) hide();
        return false;
      }
      await show(id, p);
      return true;
    } catch (e) {
      toast(errorMessage(e), "error");
      return false;
    }
  }

  async function crossed(id: number) {
    try {
      const p = await api.mergeProposal(id);
      if (!p) return;
      toast(crossedMessage(p.other_person), "error");
      await show(id, p);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  saveButton.addEventListener("click", async () => {
    if (!shown || shown.picks.some((x) => x === null)) return;
    const { id, proposal, picks } = shown;
    saveButton.disabled = true;
    try {
      const crossing = { base: proposal.base.number, other: proposal.other.number };
      const out = await api.saveMerge(id, crossing, proposal.current.number, picks as MergePick[]);
      hide();
      await reopen(id);
      toast(out.crossed ? "Trong lúc bạn hợp nhất, bài lại được lưu ở nơi khác; hãy hợp nhất thêm một lần." : "Đã lưu bản hợp nhất thành một phiên bản mới.");
    } catch (e) {
      paintButton();
      toast(errorMessage(e), "error");
    }
  });
  $("btn-merge-later").addEventListener("click", () => hide());

  return { check, crossed, hide };
}
