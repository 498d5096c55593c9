// Pure helpers for what the UI shows: Vietnamese numbers and times, labels,
// marked snippets. No DOM, no Tauri: unit-tested with Vitest.

import type { Kind, Status, RevisionInfo } from "./api";

/** 1576 → "1.576", as Vietnamese writes numbers. */
export function formatInteger(n: number): string {
  const s = Math.trunc(Math.abs(n)).toString();
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return n < 0 ? "-" + grouped : grouped;
}

/** Words as the core counts them: runs separated by white space that hold a letter or digit. */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

const VN_OFFSET_MS = 7 * 3600 * 1000;

function vnParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + VN_OFFSET_MS);
  const two = (x: number) => String(x).padStart(2, "0");
  return {
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
    date: `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
  };
}

/** An RFC 3339 time shown in Vietnam's time: "10:42". */
export function formatTime(iso: string): string {
  return vnParts(iso).time;
}

/** "24/11/2026 10:42" in Vietnam's time. */
export function formatDateTime(iso: string): string {
  const p = vnParts(iso);
  return `${p.date} ${p.time}`;
}

/** "2026-11-24" → "24/11/2026". */
export function formatDate(ymd: string | null): string {
  if (!ymd) return "";
  const [y, m, d] = ymd.split("-");
  return `${d}/${m}/${y}`;
}

export const KIND_LABEL: Record<Kind, string> = { "tin-bai": "Tin bài", "bao-cao": "Báo cáo" };
export const STATUS_LABEL: Record<Status, string> = {
  nhap: "Nháp",
  "cho-duyet": "Chờ duyệt",
  "da-duyet": "Đã duyệt",
  "da-dang": "Đã đăng",
};
export const REASON_LABEL: Record<RevisionInfo["reason"], string> = {
  import: "Nhập từ tệp",
  create: "Tạo mới",
  save: "Lưu",
  autosave: "Tự động lưu",
  restore: "Khôi phục",
  merge: "Hợp nhất",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The snippet as HTML, hits in <mark>; marks are [start, end) in characters (code points). */
export function markHtml(text: string, marks: [number, number][]): string {
  const chars = Array.from(text);
  let out = "";
  let i = 0;
  for (const [s, e] of marks) {
    if (s < i || e > chars.length) continue;
    out += escapeHtml(chars.slice(i, s).join("")) + "<mark>" + escapeHtml(chars.slice(s, e).join("")) + "</mark>";
    i = e;
  }
  return out + escapeHtml(chars.slice(i).join(""));
}

/** Tags as typed in the metadata panel: "a, b ,, c" → ["a", "b", "c"]. */
export function parseTags(s: string): string[] {
  return s
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Calls `f` once `ms` after the last call; `flush` runs a pending call now. */
export function debounce(f: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      f();
    }, ms);
  };
  wrapped.flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      f();
    }
  };
  wrapped.pending = () => timer !== undefined;
  return wrapped;
}

/** What a typed date means: a day (ISO "2026-11-24"), no day (empty), or why it is not one. */
export type TypedDate = { ok: true; ymd: string | null } | { ok: false; message: string };

const HOW_TO_TYPE = "Hãy gõ theo dạng ngày/tháng/năm, ví dụ 24/11/2026.";

/**
 * Reads a date as Vietnamese editors type it: "24/11/2026" (also with - or .
 * between, and 1/2/2026), or "2026-11-24" as files and the CLI write it.
 * Empty means no date. A day that does not exist (31/02) is said plainly.
 */
export function parseDate(text: string): TypedDate {
  const s = text.trim();
  if (!s) return { ok: true, ymd: null };
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return { ok: false, message: `“${s}” không phải là một ngày. ${HOW_TO_TYPE}` };
  if (m < 1 || m > 12) return { ok: false, message: `Không có tháng ${m}: tháng phải từ 1 đến 12. ${HOW_TO_TYPE}` };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > days) return { ok: false, message: `Tháng ${m}/${y} không có ngày ${d} (chỉ có ${days} ngày). Hãy kiểm tra lại ngày.` };
  if (y < 1900 || y > 2200) return { ok: false, message: `Năm ${y} có vẻ gõ nhầm. ${HOW_TO_TYPE}` };
  const two = (x: number) => String(x).padStart(2, "0");
  return { ok: true, ymd: `${y}-${two(m)}-${two(d)}` };
}

/** A file size the Vietnamese way: "850 KB", "1,2 MB". */
export function sizeLabel(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(1).replace(".", ",")} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
