// What the library list shows: the articles (or search hits) that pass the
// filters, in the chosen order, and how its pages are asked for (the store
// applies the filters in its page query, so a filtered list pages through
// every match). Pure: no DOM, no Tauri; tested with Vitest.

import type { ArticleSummary, Kind, ListFilter, PageFrom, Status } from "./api";

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

/** The filters as the store's page query takes them ("" narrows nothing). */
export function storeFilter(f: Filters): ListFilter {
  return { status: f.status || null, kind: f.kind || null, category: f.category || null };
}

/** Asks the store for a page: after `from` (from the top when null), at most `limit` lines that pass `filter`. */
export type FetchPage<T> = (from: PageFrom | null, limit: number, filter: ListFilter) => Promise<T[]>;

/**
 * The lines of the library list, a page at a time, of the articles that pass
 * the filters. A filter that changes lists again from the first page; an
 * answer that comes after a newer request (the editor changed the filter
 * again meanwhile) is dropped, so lines of two filters never mix.
 */
export class Pager<T extends Pick<ArticleSummary, "id" | "updated_at">> {
  lines: T[] = [];
  /** Whether the store may have lines after those loaded. */
  more = false;
  private filter: ListFilter | null = null;
  /** Bumped when a reload is asked for and when it lands: an answer asked for before is dropped. */
  private generation = 0;

  constructor(
    private readonly fetch: FetchPage<T>,
    private readonly pageSize: number,
  ) {}

  /**
   * Lists again from the top with `filter`: as many lines as the list had when
   * the filter is the same (a save or a search does not take away what the
   * editor scrolled down to), one page when it changed. Says whether it changed.
   */
  async reload(filter: ListFilter): Promise<boolean> {
    const changed = !this.filter || JSON.stringify(filter) !== JSON.stringify(this.filter);
    const want = changed ? this.pageSize : Math.max(this.pageSize, this.lines.length);
    const asked = ++this.generation;
    const lines = await this.fetch(null, want, filter);
    if (asked !== this.generation) return changed;
    this.generation++;
    this.filter = filter;
    this.lines = lines;
    this.more = lines.length === want;
    return changed;
  }

  /** The next page after the lines loaded, with the same filter. */
  async next(): Promise<void> {
    if (!this.more || !this.filter) return;
    const asked = this.generation;
    const page = await this.fetch(nextPage(this.lines), this.pageSize, this.filter);
    if (asked !== this.generation) return;
    this.lines = appendPage(this.lines, page);
    this.more = page.length === this.pageSize;
  }
}
