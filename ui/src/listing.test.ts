import { describe, expect, it } from "vitest";
import type { ListFilter, PageFrom } from "./api";
import { Pager, appendPage, categoriesOf, filterAndSort, focusSnippet, nextPage, storeFilter, type Filters, type Listed } from "./listing";

const row = (id: number, title: string, over: Partial<Listed> = {}): Listed => ({
  id,
  title,
  kind: "tin-bai",
  status: "nhap",
  category: "",
  date: null,
  updated_at: `2026-11-${String(id).padStart(2, "0")}T00:00:00Z`,
  ...over,
});

const all: Filters = { status: "", kind: "", category: "", sort: "" };

describe("library list", () => {
  const rows = [
    row(1, "Ông Đỗ về thôn", { category: "Dân vận chính quyền", date: "2026-10-01" }),
    row(2, "Ấp Bắc hôm nay", { category: "dân vận  chính quyền", status: "da-dang" }),
    row(3, "An toàn giao thông", { category: "Xây dựng Đảng", date: "2026-11-20", kind: "bao-cao" }),
    row(4, "Bài 10", { date: "2026-11-20" }),
    row(5, "Bài 9"),
  ];

  it("lists each category once, in Vietnamese order, ignoring case and spaces", () => {
    expect(categoriesOf(rows)).toEqual(["Dân vận chính quyền", "Xây dựng Đảng"]);
  });

  it("filters by category, status and kind together", () => {
    expect(filterAndSort(rows, { ...all, category: "Dân vận chính quyền" }).map((r) => r.id)).toEqual([1, 2]);
    expect(filterAndSort(rows, { ...all, category: "Dân vận chính quyền", status: "da-dang" }).map((r) => r.id)).toEqual([2]);
    expect(filterAndSort(rows, { ...all, kind: "bao-cao" }).map((r) => r.id)).toEqual([3]);
  });

  it("keeps the given order unless asked", () => {
    expect(filterAndSort(rows, all).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("sorts titles the Vietnamese way, numbers by value", () => {
    // A, Ấ, B… with Đ after D; "Bài 9" before "Bài 10".
    expect(filterAndSort(rows, { ...all, sort: "title" }).map((r) => r.title)).toEqual([
      "An toàn giao thông",
      "Ấp Bắc hôm nay",
      "Bài 9",
      "Bài 10",
      "Ông Đỗ về thôn",
    ]);
  });

  it("sorts by date, newest first, undated last", () => {
    expect(filterAndSort(rows, { ...all, sort: "date" }).map((r) => r.id)).toEqual([4, 3, 1, 5, 2]);
  });
});

describe("focusSnippet", () => {
  it("starts a few words before the first hit, marks moved with it", () => {
    const text = "… một hai ba bốn năm sáu bảy tám chín mười Lạc Nam làm đường";
    const at = Array.from(text).length - "Lạc Nam làm đường".length;
    const out = focusSnippet(text, [[at, at + 3], [at + 4, at + 7]], 2);
    expect(out.text).toBe("… chín mười Lạc Nam làm đường");
    const chars = Array.from(out.text);
    expect(out.marks.map(([s, e]) => chars.slice(s, e).join(""))).toEqual(["Lạc", "Nam"]);
  });
  it("leaves a snippet whose hit is near the start alone", () => {
    expect(focusSnippet("Lạc Nam làm đường", [[0, 3]])).toEqual({ text: "Lạc Nam làm đường", marks: [[0, 3]] });
    expect(focusSnippet("không có", [])).toEqual({ text: "không có", marks: [] });
  });
});

describe("the list a page at a time", () => {
  const line = (id: number, updated_at: string) => ({ id, updated_at });
  it("starts the next page after the last line", () => {
    expect(nextPage([])).toBeNull();
    expect(nextPage([line(9, "2026-12-02T10:00:00.000000Z"), line(4, "2026-12-01T10:00:00.000000Z")])).toEqual({
      id: 4,
      updated_at: "2026-12-01T10:00:00.000000Z",
    });
  });
  it("adds the page below, each article once", () => {
    const have = [line(9, "b"), line(4, "a")];
    expect(appendPage(have, [line(3, "a"), line(9, "c"), line(1, "0")]).map((a) => a.id)).toEqual([9, 4, 3, 1]);
    expect(appendPage(have, []).map((a) => a.id)).toEqual([9, 4]);
  });
});

describe("the filters in the store's page query", () => {
  type Line = { id: number; updated_at: string; status: string; category: string };
  // A store of 50 articles, newest first by keyset; the drafts are the 5 oldest.
  const store: Line[] = Array.from({ length: 50 }, (_, i) => ({
    id: 50 - i,
    updated_at: `2026-12-02T10:${String(59 - i).padStart(2, "0")}:00.000000Z`,
    status: i >= 45 ? "nhap" : "da-dang",
    category: i % 2 ? "Văn hóa" : "Xã hội",
  }));
  const asked: { from: PageFrom | null; limit: number; filter: ListFilter }[] = [];
  const fetch = async (from: PageFrom | null, limit: number, filter: ListFilter) => {
    asked.push({ from, limit, filter });
    return store
      .filter((a) => !from || a.updated_at < from.updated_at || (a.updated_at === from.updated_at && a.id < from.id))
      .filter((a) => (!filter.status || a.status === filter.status) && (!filter.category || a.category === filter.category))
      .slice(0, limit);
  };
  const all: Filters = { status: "", kind: "", category: "", sort: "" };

  it("hands the store what the selects say, \"\" as no filter", () => {
    expect(storeFilter(all)).toEqual({ status: null, kind: null, category: null });
    expect(storeFilter({ status: "cho-duyet", kind: "bao-cao", category: "Văn hóa", sort: "title" })).toEqual({
      status: "cho-duyet",
      kind: "bao-cao",
      category: "Văn hóa",
    });
  });

  it("finds matches that sit past the pages loaded, and a new filter starts from the first page", async () => {
    asked.length = 0;
    const pager = new Pager(fetch, 10);
    expect(await pager.reload(storeFilter(all))).toBe(true);
    await pager.next();
    expect(pager.lines.length).toBe(20);
    expect(pager.lines.some((a) => a.status === "nhap")).toBe(false);
    // A filter: from the top again, one page, every draft in it.
    expect(await pager.reload(storeFilter({ ...all, status: "nhap" }))).toBe(true);
    expect(asked.at(-1)).toEqual({ from: null, limit: 10, filter: { status: "nhap", kind: null, category: null } });
    expect(pager.lines.map((a) => a.id)).toEqual([5, 4, 3, 2, 1]);
    expect(pager.more).toBe(false);
    // Paging a filtered list keeps the filter.
    await pager.reload(storeFilter({ ...all, category: "Văn hóa" }));
    await pager.next();
    await pager.next();
    expect(asked.slice(-2).every((a) => a.filter.category === "Văn hóa" && a.from !== null)).toBe(true);
    expect(pager.lines.length).toBe(25);
    expect(pager.lines.every((a) => a.category === "Văn hóa")).toBe(true);
    expect(pager.more).toBe(false);
  });

  it("keeps what was scrolled to when the filter stays the same", async () => {
    const pager = new Pager(fetch, 10);
    await pager.reload(storeFilter(all));
    await pager.next();
    await pager.next();
    expect(await pager.reload(storeFilter(all))).toBe(false);
    expect(asked.at(-1)?.limit).toBe(30);
    expect(pager.lines.length).toBe(30);
  });

  it("drops an answer that comes after a newer filter was asked for", async () => {
    const slow: ((v: Line[]) => void)[] = [];
    const pager = new Pager<Line>((from, limit, filter) => new Promise<Line[]>((done) => slow.push(done)).then(() => fetch(from, limit, filter)), 10);
    const first = pager.reload(storeFilter({ ...all, category: "Xã hội" }));
    const second = pager.reload(storeFilter({ ...all, status: "nhap" }));
    slow[1]([]);
    await second;
    slow[0]([]);
    await first;
    expect(pager.lines.map((a) => a.id)).toEqual([5, 4, 3, 2, 1]);
    // A page asked for before a reload landed is not added to its lines.
    const pager2 = new Pager<Line>((from, limit, filter) => new Promise<Line[]>((done) => slow.push(done)).then(() => fetch(from, limit, filter)), 10);
    const start = pager2.reload(storeFilter(all));
    slow.at(-1)!([]);
    await start;
    const more = pager2.next();
    const refiltered = pager2.reload(storeFilter({ ...all, status: "nhap" }));
    slow.at(-1)!([]);
    await refiltered;
    slow.at(-2)!([]);
    await more;
    expect(pager2.lines.every((a) => a.status === "nhap")).toBe(true);
  });
});
