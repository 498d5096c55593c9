import { describe, expect, it } from "vitest";
import type { RevisionSummary } from "./api";
import {
  changesSummary,
  condense,
  fieldLine,
  groupSessions,
  restoreLines,
  revisionLine,
  sessionFields,
  sessionLine,
  sessionWhen,
  whenLabel,
} from "./history-format";

let n = 0;
function rev(minute: number, reason: RevisionSummary["reason"], patch: Partial<RevisionSummary> = {}): RevisionSummary {
  n += 1;
  return {
    article_id: 1,
    number: n,
    // 02/12/2026, 10:00 in Vietnam is 03:00 UTC.
    created_at: new Date(Date.UTC(2026, 11, 2, 3, minute)).toISOString(),
    reason,
    restored_from: null,
    title: "Thôn Lạc Nam",
    size: 100,
    word_count: 100 + minute,
    words_added: 0,
    words_removed: 0,
    first_change: null,
    fields: [],
    formatting_only: false,
    ...patch,
  };
}

const NOW = new Date(Date.UTC(2026, 11, 2, 9, 0));

describe("groupSessions", () => {
  it("merges autosaves close in time, newest session first, and keeps a restore alone", () => {
    n = 0;
    const revs = [
      rev(0, "create"),
      rev(1, "autosave"),
      rev(3, "autosave"),
      rev(10, "save"),
      rev(40, "autosave"), // 30 minutes later: a new session
      rev(41, "restore", { restored_from: 2 }),
      rev(42, "autosave"),
    ];
    const sessions = groupSessions(revs);
    expect(sessions.map((s) => s.revisions.map((r) => r.number))).toEqual([[7], [6], [5], [4, 3, 2], [1]]);
    expect(sessions[3].key).toBe(4);
  });
});

describe("labels", () => {
  it("says today, yesterday or the date, in Vietnam time", () => {
    expect(whenLabel("2026-12-02T03:05:00Z", NOW)).toBe("Hôm nay 10:05");
    expect(whenLabel("2026-12-01T03:05:00Z", NOW)).toBe("Hôm qua 10:05");
    expect(whenLabel("2026-11-24T03:05:00Z", NOW)).toBe("24/11/2026 10:05");
  });

  it("gives a session its time span", () => {
    n = 0;
    const [s] = groupSessions([rev(1, "autosave"), rev(3, "autosave"), rev(16, "save")]);
    expect(sessionWhen(s, NOW)).toBe("Hôm nay 10:01–10:16");
    const [same] = groupSessions([rev(20, "autosave"), rev(20, "autosave")]);
    expect(sessionWhen(same, NOW)).toBe("Hôm nay 10:20");
  });

  it("says what a revision changed: words, the first words, the fields", () => {
    n = 0;
    const r = rev(1, "autosave", {
      words_added: 12,
      words_removed: 3,
      first_change: { op: "added", text: "Đến nay đã có 46 hộ hiến…" },
      fields: [{ field: "status", label: "Trạng thái", before: "Nháp", after: "Chờ duyệt" }],
    });
    expect(revisionLine(r)).toBe("+12 / −3 từ · + “Đến nay đã có 46 hộ hiến…” · Trạng thái: Nháp → Chờ duyệt");
    expect(revisionLine(rev(2, "save"))).toBe("không đổi chữ nào");
    expect(revisionLine(rev(3, "save", { formatting_only: true }))).toBe("đổi định dạng");
    expect(fieldLine({ label: "Ngày", before: "", after: "24/11/2026" })).toBe("Ngày: (trống) → 24/11/2026");
  });

  it("sums a session and follows a field from its first value to its last", () => {
    n = 0;
    const [s] = groupSessions([
      rev(1, "autosave", { words_added: 5, first_change: { op: "added", text: "Mở đầu" } }),
      rev(2, "autosave", { words_added: 2, words_removed: 1, fields: [{ field: "status", label: "Trạng thái", before: "Nháp", after: "Chờ duyệt" }] }),
      rev(3, "autosave", { fields: [{ field: "status", label: "Trạng thái", before: "Chờ duyệt", after: "Đã duyệt" }] }),
      rev(4, "autosave", { fields: [{ field: "date", label: "Ngày", before: "", after: "24/11/2026" }] }),
      rev(5, "autosave", { fields: [{ field: "date", label: "Ngày", before: "24/11/2026", after: "" }] }),
      rev(6, "autosave", { fields: [{ field: "title", label: "Tiêu đề", before: "Bài viết mới", after: "Thôn Lạc Nam" }] }),
    ]);
    expect(sessionFields(s).map(fieldLine)).toEqual(["Trạng thái: Nháp → Đã duyệt", "Tiêu đề: Bài viết mới → Thôn Lạc Nam"]);
    expect(sessionLine(s)).toBe("+7 / −1 từ · + “Mở đầu” · Trạng thái: Nháp → Đã duyệt · đổi Tiêu đề");
  });
});

describe("comparisons", () => {
  const changes = {
    fields: [
      { field: "status", label: "Trạng thái", before: "Nháp", after: "Đã duyệt" },
      { field: "so_hieu", label: "Số, ký hiệu", before: "", after: "12-BC/CB" },
    ],
    words: [],
    words_added: 30,
    words_removed: 12,
    formatting_only: false,
  };

  it("heads a comparison with the words and the fields", () => {
    expect(changesSummary(changes)).toBe("12 từ bỏ đi, 30 từ thêm vào; đổi Trạng thái, Số, ký hiệu");
    expect(changesSummary({ ...changes, fields: [], words_added: 0, words_removed: 0 })).toBe("Hai bản giống hệt nhau.");
  });

  it("says what a restore will change, going back from now to the old revision", () => {
    expect(restoreLines(changes)).toEqual([
      "Trạng thái: Đã duyệt → Nháp",
      "Số, ký hiệu: 12-BC/CB → (trống)",
      "Nội dung: bỏ 30 từ viết sau phiên bản này, đưa lại 12 từ đã xóa",
    ]);
  });

  it("condenses long unchanged stretches around the changes", () => {
    const long = Array.from({ length: 40 }, (_, i) => `t${i}`).join(" ");
    const out = condense(
      [
        { op: "same", text: long },
        { op: "removed", text: "cũ" },
        { op: "added", text: "mới" },
        { op: "same", text: long },
      ],
      3,
    );
    expect(out).toEqual([
      { op: "same", text: "… t37 t38 t39" },
      { op: "removed", text: "cũ" },
      { op: "added", text: "mới" },
      { op: "same", text: "t0 t1 t2 …" },
    ]);
    expect(condense([{ op: "same", text: "giống nhau" }])).toEqual([]);
  });
});
