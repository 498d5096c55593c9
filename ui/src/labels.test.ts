import { describe, expect, it } from "vitest";
import { approvalWarning, approved, nextIssueNumber, splitFieldLabel } from "./labels";

describe("field labels", () => {
  it("moves the example into a hint under the field", () => {
    expect(splitFieldLabel("Cơ quan ban hành (ví dụ: CHI BỘ THÔN LẠC NAM)")).toEqual({
      label: "Cơ quan ban hành",
      example: "CHI BỘ THÔN LẠC NAM",
      hint: "Ví dụ: CHI BỘ THÔN LẠC NAM",
    });
    expect(splitFieldLabel("Phông chữ in (mặc định: Times New Roman, nếu không có thì Liberation Serif)").hint).toBe(
      "Mặc định: Times New Roman, nếu không có thì Liberation Serif",
    );
    expect(splitFieldLabel("Họ tên người ký")).toEqual({ label: "Họ tên người ký", example: "", hint: "" });
  });
});

describe("issue numbers", () => {
  it("counts on in the same shape", () => {
    expect(nextIssueNumber("07")).toBe("08");
    expect(nextIssueNumber("09")).toBe("10");
    expect(nextIssueNumber("9")).toBe("10");
    expect(nextIssueNumber("15/2026")).toBe("16/2026");
    expect(nextIssueNumber("Số 3")).toBe("Số 4");
    expect(nextIssueNumber(undefined)).toBe("01");
    expect(nextIssueNumber("đặc biệt")).toBe("01");
  });
});

describe("approvalWarning", () => {
  const a = (title: string, status: string, label: string) => ({ title, status, label });
  it("names the articles not yet approved with their status", () => {
    expect(approved("da-duyet")).toBe(true);
    expect(approved("da-dang")).toBe(true);
    expect(approved("cho-duyet")).toBe(false);
    expect(approvalWarning([a("Văn hóa công sở", "da-duyet", "Đã duyệt"), a("Thôn Lạc Nam", "nhap", "Nháp")])).toBe(
      "1 bài chưa được duyệt: “Thôn Lạc Nam” (Nháp). Hãy duyệt (trạng thái Đã duyệt) trước khi in số này.",
    );
    expect(approvalWarning([a("Một", "da-dang", "Đã đăng")])).toBe("");
  });
  it("names three and counts the rest", () => {
    const many = ["A", "B", "C", "D", "E"].map((t) => a(t, "cho-duyet", "Chờ duyệt"));
    expect(approvalWarning(many)).toContain("“C” (Chờ duyệt) và 2 bài khác.");
    expect(approvalWarning(many).startsWith("5 bài chưa được duyệt")).toBe(true);
  });
});
