// Thư viện: the search box, the filters and the article list. The list is
// virtualised: only the rows in sight are in the DOM. It comes a page at a
// time, most recently changed first (a shared library can hold 100,000
// articles): the next page as the editor scrolls near the end, or with
// Xem thêm. The filters (status, kind, category) are part of the store's
// page query, so a filtered list pages through every match; changing one
// lists again from the first page. The category filter offers every
// category in use, not only those of the lines loaded. Search hits carry
// what their line shows, loaded or not.
import { LIST_PAGE, api, errorMessage, type ArticleSummary } from "./api";
import { toast } from "./dialogs";
import { $ } from "./dom";
import { KIND_LABEL, STATUS_LABEL, debounce, escapeHtml, formatDate, formatDateTime, formatInteger, markHtml } from "./format";
import { Pager, SORT_LABEL, categoriesOf, filterAndSort, focusSnippet, storeFilter, type Filters, type SortOrder } from "./listing";
import { currentId, watch, type AppStore } from "./state";

/** Row heights: a title on up to two lines and the meta line; with a search, two lines of snippet under them. */
const ROW_HEIGHT = 76;
const HIT_HEIGHT = 112;

export type Row = ArticleSummary & { titleHtml: string; meta: string; snippetHtml: string };

export interface LibraryListDeps {
  state: AppStore;
  /** Opens an article chosen in the list. */
  open: (id: number) => Promise<void>;
  /** Delete in the list: the open article to the recycle bin. */
  trashCurrent: () => Promise<void>;
}

export interface LibraryList {
  /** Lists the library (and searches) again, then repaints. */
  refresh(): Promise<void>;
  /** The rows as listed now (filtered, sorted). */
  rows(): Row[];
}

function metaLine(a: Pick<ArticleSummary, "kind" | "date" | "updated_at" | "category">): string {
  return [KIND_LABEL[a.kind], formatDate(a.date) || formatDateTime(a.updated_at), a.category].filter(Boolean).join(" · ");
}

function filters(): Filters {
  const v = (id: string) => ($(id) as HTMLSelectElement).value;
  return { status: v("filter-status") as Filters["status"], kind: v("filter-kind") as Filters["kind"], category: v("filter-category"), sort: v("sort") as SortOrder };
}

export function initLibraryList({ state, open, trashCurrent }: LibraryListDeps): LibraryList {
  const list = $("list");
  const spacer = document.createElement("div");
  spacer.className = "list-spacer";
  list.append(spacer);
  let visibleRows: Row[] = [];
  const pager = new Pager<ArticleSummary>((from, limit, filter) => api.listArticles(from, limit, filter), LIST_PAGE);
  /** The categories in use in the whole library (each spelling once). */
  let categories: string[] = [];
  let loading: Promise<void> | null = null;
  const moreButton = $<HTMLButtonElement>("list-more");
  const rowHeight = () => (state.get().hits ? HIT_HEIGHT : ROW_HEIGHT);

  function rows(): Row[] {
    const { articles, hits } = state.get();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const source: Row[] = hits
      ? hits.map((h) => {
          const a = byId.get(h.id);
          const snip = focusSnippet(h.snippet, h.marks);
          return {
            id: h.id,
            title: h.title,
            kind: h.kind,
            status: h.status,
            category: h.category,
            date: h.date,
            updated_at: h.updated_at,
            revision: a?.revision ?? 0,
            word_count: a?.word_count ?? 0,
            titleHtml: markHtml(h.title, h.title_marks),
            meta: metaLine(h),
            snippetHtml: markHtml(snip.text, snip.marks),
          };
        })
      : articles.map((a) => ({ ...a, titleHtml: escapeHtml(a.title), meta: metaLine(a), snippetHtml: "" }));
    return filterAndSort(source, filters());
  }

  /** The category filter offers the categories in use (keeping the chosen one). */
  function fillCategories() {
    const select = $<HTMLSelectElement>("filter-category");
    const chosen = select.value;
    const inUse = categoriesOf(categories.map((category) => ({ category })));
    const options = inUse.slice();
    if (chosen && !options.includes(chosen)) options.unshift(chosen);
    select.replaceChildren(new Option("Chuyên mục", ""), ...options.map((c) => new Option(c, c)));
    select.value = chosen;
    $("category-list").replaceChildren(...inUse.map((c) => new Option(c)));
  }

  function render() {
    visibleRows = rows();
    spacer.style.height = `${visibleRows.length * rowHeight()}px`;
    const empty = $("list-empty");
    empty.hidden = visibleRows.length > 0;
    const f = filters();
    const filtered = Boolean(f.status || f.kind || f.category);
    empty.textContent = state.get().hits
      ? "Không tìm thấy bài viết nào. Hãy thử gõ không dấu hoặc ít từ hơn" + (filtered ? ", hoặc bỏ bớt bộ lọc." : ".")
      : filtered
        ? "Không có bài viết nào khớp bộ lọc."
        : "Thư viện chưa có bài viết. Bấm “+ Bài viết mới” để bắt đầu.";
    const paged = pager.more && !state.get().hits;
    $("list-count").textContent = `${formatInteger(visibleRows.length)} bài` + (paged ? " · còn nữa" : "");
    moreButton.hidden = !paged;
    paint();
  }

  function paint() {
    const open = currentId(state.get());
    const height = rowHeight();
    const first = Math.max(0, Math.floor(list.scrollTop / height) - 5);
    const last = Math.min(visibleRows.length, first + Math.ceil(list.clientHeight / height) + 10);
    list.querySelectorAll(".item").forEach((n) => n.remove());
    for (let i = first; i < last; i++) {
      const r = visibleRows[i];
      const el = document.createElement("div");
      el.className = "item" + (open === r.id ? " selected" : "") + (r.snippetHtml ? " hit" : "");
      el.title = r.title;
      el.setAttribute("role", "option");
      el.dataset.id = String(r.id);
      el.style.top = `${i * height}px`;
      el.innerHTML =
        `<div class="item-title">${r.titleHtml}</div>` +
        `<div class="item-meta"><span class="badge s-${r.status}">${STATUS_LABEL[r.status as keyof typeof STATUS_LABEL]}</span> ${escapeHtml(r.meta)}</div>` +
        (r.snippetHtml ? `<div class="item-snippet">${r.snippetHtml}</div>` : "");
      list.append(el);
    }
    // Near the end of what is loaded: the next page.
    if (pager.more && !state.get().hits && last >= visibleRows.length - 5) void loadMore();
  }

  /** The next page of the list, once at a time. */
  function loadMore(): Promise<void> {
    if (!pager.more || loading) return loading ?? Promise.resolve();
    loading = (async () => {
      try {
        await pager.next();
        state.set({ articles: pager.lines });
        render();
      } catch (e) {
        toast(errorMessage(e), "error");
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  /** Refreshes under way: the list says it is busy meanwhile (aria-busy). */
  let busy = 0;

  async function refresh() {
    list.setAttribute("aria-busy", "true");
    busy++;
    try {
      // As many lines as the list had, so that a save or a search does not
      // take away what the editor scrolled down to; the first page again
      // when a filter changed.
      const changed = await pager.reload(storeFilter(filters()));
      state.set({ articles: pager.lines });
      const q = ($("search") as HTMLInputElement).value.trim();
      state.set({ hits: q ? await api.search(q) : null });
      categories = await api.listCategories();
      fillCategories();
      if (changed) list.scrollTop = 0;
      render();
    } finally {
      if (--busy === 0) list.removeAttribute("aria-busy");
    }
  }

  // The selection follows the article on screen.
  watch(state, currentId, paint);

  list.addEventListener("scroll", paint);
  moreButton.addEventListener("click", () => void loadMore());
  list.addEventListener("click", (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>(".item");
    if (item) void open(Number(item.dataset.id));
  });
  list.addEventListener("keydown", (e) => {
    const id = currentId(state.get());
    if (e.key === "Delete" && id !== null) {
      e.preventDefault();
      void trashCurrent();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const i = visibleRows.findIndex((r) => r.id === id);
    const next = visibleRows[Math.min(visibleRows.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)))];
    if (next) void open(next.id);
  });

  const searchNow = debounce(() => void refresh().catch((e) => toast(errorMessage(e), "error")), 120);
  $("search").addEventListener("input", searchNow);
  // A filter is part of the store's page query: the list comes again from its first page.
  const refilter = () => void refresh().catch((e) => toast(errorMessage(e), "error"));
  $("filter-status").addEventListener("change", refilter);
  $("filter-kind").addEventListener("change", refilter);
  $("filter-category").addEventListener("change", refilter);
  $<HTMLSelectElement>("sort").append(...(Object.entries(SORT_LABEL) as [SortOrder, string][]).map(([v, l]) => new Option(l, v)));
  $("sort").addEventListener("change", render);

  return { refresh, rows: () => visibleRows };
}
