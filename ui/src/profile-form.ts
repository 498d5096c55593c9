// The organisation profile's fields as Cài đặt and the first-start step show
// them, and saving them as one types: a field is written shortly after the
// last key, and whatever is still waiting when the dialog closes (Esc,
// Đóng, Để sau) is written then, so nothing typed is ever thrown away.
import { api, errorMessage } from "./api";
import { escapeHtml } from "./format";
import { splitFieldLabel } from "./labels";

/** Milliseconds after the last key before a field is saved. */
const SAVE_MS = 400;
const MULTILINE = new Set(["noi_nhan"]);

/**
 * One field: its label, an input that is empty when the field is (no
 * placeholder that looks filled in), and the example as a hint under it.
 * `prefix` keeps ids apart when two dialogs show the same field.
 */
export function profileFieldHtml(prefix: string, key: string, description: string, value: string): string {
  const { label, hint } = splitFieldLabel(description);
  const hintId = `${prefix}-${key}-hint`;
  const attrs = `name="${key}" data-profile${hint ? ` aria-describedby="${hintId}"` : ""}`;
  const input = MULTILINE.has(key)
    ? `<textarea ${attrs} rows="3">${escapeHtml(value)}</textarea>`
    : `<input ${attrs} value="${escapeHtml(value)}">`;
  const under = hint ? `<small id="${hintId}" class="field-hint">${escapeHtml(hint)}</small>` : "";
  return `<label>${escapeHtml(label)}${input}${under}</label>`;
}

export interface ProfileSaver {
  /** Writes every field still waiting; resolves when they are stored. */
  flush(): Promise<void>;
  /** Whether something typed has not been stored yet. */
  pending(): boolean;
}

/**
 * Saves the `[data-profile]` fields inside `form` as one types; `say` shows
 * the save state ("Đang lưu…", "Đã lưu", or the error, `true`).
 */
export function saveAsTyped(form: HTMLElement, say: (text: string, error?: boolean) => void): ProfileSaver {
  const waiting = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    clearTimeout(timer);
    const batch = [...waiting];
    waiting.clear();
    saving = saving.then(async () => {
      if (!batch.length) return;
      try {
        for (const [key, value] of batch) await api.setProfileField(key, value.trim());
        if (!waiting.size) say("Đã lưu");
      } catch (e) {
        // Kept for the next try, unless typed again since.
        for (const [key, value] of batch) if (!waiting.has(key)) waiting.set(key, value);
        say(errorMessage(e), true);
      }
    });
    return saving;
  }

  form.addEventListener("input", (e) => {
    const t = e.target as HTMLInputElement | HTMLTextAreaElement;
    if (!t.matches("[data-profile]")) return;
    waiting.set(t.name, t.value);
    say("Đang lưu…");
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), SAVE_MS);
  });
  // Enter in a one-line field moves on rather than closing the dialog.
  form.addEventListener("keydown", (e) => {
    const t = e.target as HTMLElement;
    if (e.key !== "Enter" || e.isComposing || !(t instanceof HTMLInputElement) || !t.matches("[data-profile]")) return;
    e.preventDefault();
    const all = Array.from(form.querySelectorAll<HTMLElement>("[data-profile]"));
    all[all.indexOf(t) + 1]?.focus();
  });
  return { flush, pending: () => waiting.size > 0 };
}

/** Focuses the field `key` inside `form` and brings it into view. */
export function focusField(form: HTMLElement, key: string) {
  const input = form.querySelector<HTMLElement>(`[data-profile][name="${CSS.escape(key)}"]`);
  if (!input) return;
  input.scrollIntoView({ block: "center" });
  input.focus();
}
