import { describe, expect, it } from "vitest";
import { appendPage, categoriesOf, filterAndSort, focusSnippet, nextPage, type Filters, type Listed } from "./listing";

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
