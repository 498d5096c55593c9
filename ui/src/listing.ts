// What the library list shows: the articles (or search hits) that pass the
// filters, in the chosen order. Pure: no DOM, no Tauri; tested with Vitest.

import type { ArticleSummary, Kind, PageFrom, Status } from "./api";

export interface Filters {
  status: Status | "";
  kind: Kind | "";
  /** A category as written on articles; "" is any. */
  category: string;
  sort: SortOrder;
}

/**
 * "" keeps the natural order: best match first when searching, most
 * recently edited first otherwise.
 */
export type SortOrder = "" | "date" | "title";

export const SORT_LABEL: Record<SortOrder, string> = {
  "": "Mới sửa trước",
  date: "Ngày bài mới trước",
  title: "Tiêu đề A–Z",
};

/** What a row needs to be filtered and sorted. */
export interface Listed {
  id: number;
  title: string;
  kind: Kind;
  status: Status;
  category: string;
  date: string | null;
  updated_at: string;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Categories in use, each once (ignoring case and spacing differences), in Vietnamese order. */
export function categoriesOf(articles: Pick<ArticleSummary, "category">[]): string[] {
  const seen = new Map<string, string>();
  for (const a of articles) {
    const c = a.category.trim().replace(/\s+/g, " ");
    if (c && !seen.has(c.toLocaleLowerCase("vi"))) seen.set(c.toLocaleLowerCase("vi"), c);
  }
  return [...seen.values()].sort(collator.compare);
}

function sameCategory(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, " ").toLocaleLowerCase("vi") === b.trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

/** Rows passing the filters, in the chosen order (stable: ties keep their order). */
export function filterAndSort<T extends Listed>(rows: T[], f: Filters): T[] {
  const kept = rows.filter(
    (r) => (!f.status || r.status === f.status) && (!f.kind || r.kind === f.kind) && (!f.category || sameCategory(r.category, f.category)),
  );
  if (f.sort === "title") return kept.slice().sort((a, b) => collator.compare(a.title, b.title));
  if (f.sort === "date")
    // Undated articles go last; ISO dates compare as text.
    return kept.slice().sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || b.updated_at.localeCompare(a.updated_at));
  return kept;
}

/**
 * A search snippet cut to start a few words before its first hit, so the
 * hit shows in the two lines the list gives it ("… trước khi triển khai,
 * [chi bộ] tổ chức …"). Marks are [start, end) in code points and move with
 * the cut.
 */
export function focusSnippet(text: string, marks: [number, number][], wordsBefore = 4): { text: string; marks: [number, number][] } {
  if (!marks.length) return { text, marks };
  const chars = Array.from(text);
  let start = marks[0][0];
  let words = 0;
  while (start > 0) {
    if (chars[start - 1] === " " && start < marks[0][0]) {
      words++;
      if (words >= wordsBefore) break;
    }
    start--;
  }
  if (start <= 2) return { text, marks }; // already near the start ("… " included)
  const prefix = Array.from("… ");
  const shift = start - prefix.length;
  return {
    text: prefix.join("") + chars.slice(start).join(""),
    marks: marks.map(([s, e]) => [s - shift, e - shift] as [number, number]),
  };
}

/** Where the next page starts: after the last line the list has (none when it has none). */
export function nextPage(lines: Pick<ArticleSummary, "id" | "updated_at">[]): PageFrom | null {
  const last = lines[lines.length - 1];
  return last ? { updated_at: last.updated_at, id: last.id } : null;
}

/**
 * The list with its next page added. The store never lists an article on two
 * pages; should an article come again all the same, its first line stays.
 */
export function appendPage<T extends { id: number }>(lines: T[], page: T[]): T[] {
  const have = new Set(lines.map((a) => a.id));
  return lines.concat(page.filter((a) => !have.has(a.id)));
}
