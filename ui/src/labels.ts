// Small pure helpers for labels and numbers the forms show; tested with Vitest.

/**
 * The core describes a field as "Cơ quan ban hành (ví dụ: CHI BỘ THÔN LẠC NAM)":
 * the label is the part before the example; the example becomes a hint shown
 * under the field ("Ví dụ: …", "Mặc định: …"), never a placeholder that
 * looks filled in.
 */
export function splitFieldLabel(description: string): { label: string; example: string; hint: string } {
  const m = description.match(/^(.*?)\s*\((ví dụ|mặc định):\s*(.*)\)\s*$/s);
  if (!m) return { label: description, example: "", hint: "" };
  const lead = m[2] === "ví dụ" ? "Ví dụ" : "Mặc định";
  return { label: m[1], example: m[3], hint: `${lead}: ${m[3]}` };
}

/**
 * The number of the next issue after `previous`, keeping its shape:
 * "07" → "08", "15/2026" → "16/2026", "9" → "10"; nothing before → "01".
 */
export function nextIssueNumber(previous: string | undefined): string {
  const p = (previous ?? "").trim();
  const m = p.match(/^(\D*)(\d+)(.*)$/);
  if (!m) return "01";
  const n = String(Number(m[2]) + 1).padStart(m[2].length, "0");
  return m[1] + n + m[3];
}

/** Statuses an article may be printed in: approved, or already published. */
const PRINTABLE = new Set(["da-duyet", "da-dang"]);

/** Whether a bulletin may print an article of this status without a warning. */
export function approved(status: string): boolean {
  return PRINTABLE.has(status);
}

/**
 * The composer's warning for articles not yet approved (Đã duyệt), naming
 * them with their status; "" when every article is approved.
 */
export function approvalWarning(articles: { title: string; status: string; label: string }[]): string {
  const waiting = articles.filter((a) => !approved(a.status));
  if (!waiting.length) return "";
  const named = waiting
    .slice(0, 3)
    .map((a) => `“${a.title}” (${a.label})`)
    .join(", ");
  const more = waiting.length > 3 ? ` và ${waiting.length - 3} bài khác` : "";
  return `${waiting.length} bài chưa được duyệt: ${named}${more}. Hãy duyệt (trạng thái Đã duyệt) trước khi in số này.`;
}
