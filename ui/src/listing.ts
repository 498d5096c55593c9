// What the library list shows: the articles (or search hits) that pass the
// filters, in the chosen order. Pure: no DOM, no Tauri; tested with Vitest.

import type { ArticleSummary, Kind, Status } from "./api";

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
