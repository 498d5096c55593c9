import { describe, expect, it, vi } from "vitest";
import { debounce, formatDate, formatDateTime, formatInteger, formatTime, markHtml, parseDate, parseTags, sizeLabel, wordCount } from "./format";

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

describe("parseDate: dates as Vietnamese editors type them", () => {
  it("reads day/month/year and ISO dates", () => {
    expect(parseDate("24/11/2026")).toEqual({ ok: true, ymd: "2026-11-24" });
    expect(parseDate(" 1/2/2026 ")).toEqual({ ok: true, ymd: "2026-02-01" });
    expect(parseDate("24-11-2026")).toEqual({ ok: true, ymd: "2026-11-24" });
    expect(parseDate("24.11.2026")).toEqual({ ok: true, ymd: "2026-11-24" });
    expect(parseDate("2026-11-24")).toEqual({ ok: true, ymd: "2026-11-24" });
    expect(parseDate("29/02/2028")).toEqual({ ok: true, ymd: "2028-02-29" });
  });
  it("empty means no date", () => {
    expect(parseDate("   ")).toEqual({ ok: true, ymd: null });
  });
  it("says in Vietnamese why a date is not valid", () => {
    const bad = (s: string) => {
      const r = parseDate(s);
      expect(r.ok).toBe(false);
      return r.ok ? "" : r.message;
    };
    expect(bad("31/02/2026")).toBe("Tháng 2/2026 không có ngày 31 (chỉ có 28 ngày). Hãy kiểm tra lại ngày.");
    expect(bad("11/25/2026")).toMatch(/^Không có tháng 25: tháng phải từ 1 đến 12\. Hãy gõ theo dạng ngày\/tháng\/năm, ví dụ 24\/11\/2026\.$/);
    expect(bad("ngày mai")).toBe("“ngày mai” không phải là một ngày. Hãy gõ theo dạng ngày/tháng/năm, ví dụ 24/11/2026.");
    expect(bad("24/11/26")).toMatch(/không phải là một ngày/);
    expect(bad("24/11/0026")).toMatch(/^Năm 26 có vẻ gõ nhầm/);
  });
  it("round-trips with formatDate", () => {
    const r = parseDate(formatDate("2026-11-24"));
    expect(r).toEqual({ ok: true, ymd: "2026-11-24" });
  });
});

describe("sizeLabel", () => {
  it("writes kilobytes and megabytes with a decimal comma", () => {
    expect(sizeLabel(870_400)).toBe("850 KB");
    expect(sizeLabel(1_258_291)).toBe("1,2 MB");
    expect(sizeLabel(10)).toBe("1 KB");
  });
});
