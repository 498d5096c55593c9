import { describe, expect, it, vi } from "vitest";
import { debounce, diffLines, formatDateTime, formatInteger, formatTime, markHtml, parseTags, wordCount } from "./format";

describe("Vietnamese formatting", () => {
  it("groups thousands with dots", () => {
    expect(formatInteger(1576)).toBe("1.576");
    expect(formatInteger(8360)).toBe("8.360");
    expect(formatInteger(999)).toBe("999");
    expect(formatInteger(1234567)).toBe("1.234.567");
  });
  it("shows times in Vietnam (+07:00)", () => {
    expect(formatTime("2026-11-24T03:42:00Z")).toBe("10:42");
    expect(formatDateTime("2026-11-24T20:05:00Z")).toBe("25/11/2026 03:05");
  });
  it("counts words like the core", () => {
    expect(wordCount("văn hóa công sở")).toBe(4);
    expect(wordCount("  Số 8.360 — hồ sơ ")).toBe(4);
    expect(wordCount("")).toBe(0);
  });
});

describe("snippets", () => {
  it("marks code points, not UTF-16 units, and escapes", () => {
    expect(markHtml("xây dựng văn hóa <b>", [[9, 12], [13, 16]])).toBe("xây dựng <mark>văn</mark> <mark>hóa</mark> &lt;b&gt;");
  });
});

describe("history diff", () => {
  it("finds added and removed lines", () => {
    const d = diffLines("một\nhai\nba", "một\nHAI\nba\nbốn");
    expect(d).toEqual([
      { kind: "same", text: "một" },
      { kind: "removed", text: "hai" },
      { kind: "added", text: "HAI" },
      { kind: "same", text: "ba" },
      { kind: "added", text: "bốn" },
    ]);
  });
});

describe("metadata", () => {
  it("splits tags", () => {
    expect(parseTags("văn hóa, công sở ,, dân vận")).toEqual(["văn hóa", "công sở", "dân vận"]);
  });
});

describe("debounce", () => {
  it("runs once after the pause, and flush runs a pending call now", () => {
    vi.useFakeTimers();
    const f = vi.fn();
    const d = debounce(f, 1000);
    d();
    d();
    vi.advanceTimersByTime(999);
    expect(f).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(f).toHaveBeenCalledTimes(1);
    d();
    d.flush();
    expect(f).toHaveBeenCalledTimes(2);
    d.flush();
    expect(f).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
