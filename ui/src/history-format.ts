// Lịch sử in an editor's words: revisions grouped by editing session, each
// line with its word count and the first words that changed, and the
// sentences that say what a comparison or a restore changes. Pure: no DOM,
// no Tauri (unit-tested with Vitest). The summaries come from the core.

import type { Changes, FieldChange, Piece, RevisionSummary } from "./api";
import { formatDateTime, formatInteger } from "./format";

/** Saves closer than this belong to one editing session. */
export const SESSION_GAP_MINUTES = 15;

/** Revisions written while editing: these gather into sessions. */
const EDITS = new Set<RevisionSummary["reason"]>(["save", "autosave"]);

export interface Session {
  /** Newest first. */
  revisions: RevisionSummary[];
  /** The newest revision's number: what names the session. */
  key: number;
}

/**
 * Groups revisions (oldest first, as the core lists them) into sessions,
 * newest session first: saves and autosaves at most `gapMinutes` apart go
 * together; a creation, an import or a restore stands alone.
 */
export function groupSessions(revs: RevisionSummary[], gapMinutes = SESSION_GAP_MINUTES): Session[] {
  const groups: RevisionSummary[][] = [];
  let last: RevisionSummary | null = null;
  for (const r of revs) {
    const joins =
      last !== null &&
      EDITS.has(r.reason) &&
      EDITS.has(last.reason) &&
      new Date(r.created_at).getTime() - new Date(last.created_at).getTime() <= gapMinutes * 60_000;
    if (joins) groups[groups.length - 1].push(r);
    else groups.push([r]);
    last = r;
  }
  return groups.reverse().map((g) => {
    const revisions = g.slice().reverse();
    return { revisions, key: revisions[0].number };
  });
}

/** "10:42" today, "Hôm qua 10:42", else "24/11/2026 10:42" (Vietnam time). */
export function whenLabel(iso: string, now: Date): string {
  const [date, time] = formatDateTime(iso).split(" ");
  const [today] = formatDateTime(now.toISOString()).split(" ");
  const [yesterday] = formatDateTime(new Date(now.getTime() - 86_400_000).toISOString()).split(" ");
  if (date === today) return `Hôm nay ${time}`;
  if (date === yesterday) return `Hôm qua ${time}`;
  return `${date} ${time}`;
}

/** "Hôm nay 10:42–10:58", or one time for a session of one revision. */
export function sessionWhen(s: Session, now: Date): string {
  const newest = s.revisions[0];
  const oldest = s.revisions[s.revisions.length - 1];
  const end = whenLabel(newest.created_at, now);
  if (s.revisions.length === 1) return end;
  const start = whenLabel(oldest.created_at, now);
  if (start === end) return end;
  const [endDay, endTime] = [end.slice(0, end.lastIndexOf(" ")), end.slice(end.lastIndexOf(" ") + 1)];
  return start.startsWith(endDay + " ") ? `${start}–${endTime}` : `${start} – ${end}`;
}

/** An empty field value, as shown. */
const EMPTY = "(trống)";

/** "Trạng thái: Nháp → Đã duyệt". */
export function fieldLine(f: Pick<FieldChange, "label" | "before" | "after">): string {
  return `${f.label}: ${f.before || EMPTY} → ${f.after || EMPTY}`;
}

/** The first changed words: + “Thêm đoạn…” or − “đoạn cũ…”. */
export function pieceQuote(p: Piece): string {
  return `${p.op === "removed" ? "−" : "+"} “${p.text}”`;
}

/** "+12 từ", "−3 từ", "+12 / −3 từ"; "" when no word changed. */
export function wordDelta(added: number, removed: number): string {
  if (added && removed) return `+${formatInteger(added)} / −${formatInteger(removed)} từ`;
  if (added) return `+${formatInteger(added)} từ`;
  if (removed) return `−${formatInteger(removed)} từ`;
  return "";
}

/** What one revision changed, in one short line. */
export function revisionLine(r: RevisionSummary): string {
  const parts: string[] = [];
  const delta = wordDelta(r.words_added, r.words_removed);
  if (delta) parts.push(delta);
  if (r.first_change) parts.push(pieceQuote(r.first_change));
  else if (r.formatting_only) parts.push("đổi định dạng");
  for (const f of r.fields) parts.push(fieldLine(f));
  if (!parts.length) parts.push(r.reason === "restore" ? "nội dung như phiên bản cũ" : "không đổi chữ nào");
  return parts.join(" · ");
}

/**
 * A session's fields: each one from its value before the session to its
 * value at the end (a field changed and changed back drops out).
 */
export function sessionFields(s: Session): FieldChange[] {
  const byField = new Map<string, FieldChange>();
  for (const r of s.revisions.slice().reverse()) {
    for (const f of r.fields) {
      const seen = byField.get(f.field);
      byField.set(f.field, seen ? { ...seen, after: f.after } : { ...f });
    }
  }
  return Array.from(byField.values()).filter((f) => f.before !== f.after);
}

/** Short fields a session's line shows with their values. */
const SHOWN_IN_FULL = new Set(["kind", "status", "date"]);

/** What a whole session changed: its words, the first change, its fields. */
export function sessionLine(s: Session): string {
  const added = s.revisions.reduce((n, r) => n + r.words_added, 0);
  const removed = s.revisions.reduce((n, r) => n + r.words_removed, 0);
  const oldest = s.revisions[s.revisions.length - 1];
  const first = s.revisions.slice().reverse().find((r) => r.first_change)?.first_change;
  if (s.revisions.length === 1) return revisionLine(oldest);
  const parts: string[] = [];
  const delta = wordDelta(added, removed);
  if (delta) parts.push(delta);
  if (first) parts.push(pieceQuote(first));
  // The fields an editor decides by in full; the others by name (each
  // revision's own line, one click away, has them in full).
  const fields = sessionFields(s);
  for (const f of fields.filter((f) => SHOWN_IN_FULL.has(f.field))) parts.push(fieldLine(f));
  const named = fields.filter((f) => !SHOWN_IN_FULL.has(f.field)).map((f) => f.label);
  if (named.length) parts.push(`đổi ${named.join(", ")}`);
  if (!parts.length) parts.push(s.revisions.some((r) => r.formatting_only) ? "đổi định dạng" : "không đổi chữ nào");
  return parts.join(" · ");
}

/** "6 lần lưu" for a session, or the reason of a lone revision. */
export function sessionCount(s: Session, reasonLabel: (r: RevisionSummary) => string): string {
  return s.revisions.length === 1 ? reasonLabel(s.revisions[0]) : `${formatInteger(s.revisions.length)} lần lưu`;
}

/**
 * The compact view of a comparison: the changed runs with a few words of
 * what stays around them; long unchanged stretches become "…".
 */
export function condense(words: Piece[], context = 6): Piece[] {
  const out: Piece[] = [];
  words.forEach((p, i) => {
    if (p.op !== "same") {
      out.push(p);
      return;
    }
    const w = p.text.split(/[ \n]+/).filter(Boolean);
    const before = i > 0; // follows a change: keep its first words
    const after = i < words.length - 1; // precedes a change: keep its last words
    if (w.length <= context * 2 || (before && after && w.length <= context * 2 + 2)) {
      if (before || after) out.push(p);
      return;
    }
    const head = before ? w.slice(0, context).join(" ") + " …" : "";
    const tail = after ? "… " + w.slice(-context).join(" ") : "";
    out.push({ op: "same", text: [head, tail].filter(Boolean).join(" ") });
  });
  return out;
}

/** The heading line of a comparison: "12 từ bỏ đi, 30 từ thêm vào; đổi Trạng thái, Ngày". */
export function changesSummary(c: Changes): string {
  const parts: string[] = [];
  if (c.words_removed) parts.push(`${formatInteger(c.words_removed)} từ bỏ đi`);
  if (c.words_added) parts.push(`${formatInteger(c.words_added)} từ thêm vào`);
  if (!parts.length && c.formatting_only) parts.push("chỉ đổi định dạng");
  const words = parts.join(", ");
  const fields = c.fields.length ? `đổi ${c.fields.map((f) => f.label).join(", ")}` : "";
  const all = [words, fields].filter(Boolean).join("; ");
  return all ? all.charAt(0).toUpperCase() + all.slice(1) : "Hai bản giống hệt nhau.";
}

/**
 * What restoring an old revision does to the article now, one line each.
 * `changes` runs from that revision to now, so a restore goes back along it.
 */
export function restoreLines(c: Changes): string[] {
  const lines = c.fields.map((f) => fieldLine({ label: f.label, before: f.after, after: f.before }));
  const text: string[] = [];
  if (c.words_added) text.push(`bỏ ${formatInteger(c.words_added)} từ viết sau phiên bản này`);
  if (c.words_removed) text.push(`đưa lại ${formatInteger(c.words_removed)} từ đã xóa`);
  if (text.length) lines.push(`Nội dung: ${text.join(", ")}`);
  else if (c.formatting_only) lines.push("Nội dung: chữ giữ nguyên, đổi định dạng");
  return lines;
}
