// A date field in Vietnamese order. <input type="date"> follows the
// system locale (month/day/year under C.UTF-8); editors expect
// ngày/tháng/năm. This text field takes "24/11/2026" (or 2026-11-24),
// shows dd/mm/yyyy, and says under itself, in Vietnamese, why a date is
// not valid. What is saved is the last valid date typed.
import { formatDate, parseDate } from "./format";

export interface DateField {
  /** The date to save: ISO "2026-11-24", or null for none. */
  value(): string | null;
  /** Shows a stored date (ISO or null). */
  set(ymd: string | null): void;
}

export function dateField(input: HTMLInputElement): DateField {
  const error = document.createElement("span");
  error.className = "field-error";
  error.id = `${input.id}-error`;
  error.setAttribute("role", "alert");
  error.hidden = true;
  input.insertAdjacentElement("afterend", error);
  input.setAttribute("aria-describedby", error.id);
  let last: string | null = null;
  const check = (final: boolean) => {
    const r = parseDate(input.value);
    if (r.ok) {
      last = r.ymd;
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      if (final) input.value = formatDate(r.ymd);
    } else if (final) {
      error.textContent = `${r.message} Ngày này chưa được lưu.`;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
    }
  };
  // While typing, a valid date is taken at once and a half-typed one is
  // not blamed; leaving the field (or Enter) tidies it up or explains.
  input.addEventListener("input", () => check(false));
  input.addEventListener("change", () => check(true));
  return {
    value: () => last,
    set(ymd) {
      last = ymd;
      input.value = formatDate(ymd);
      error.hidden = true;
      input.removeAttribute("aria-invalid");
    },
  };
}
