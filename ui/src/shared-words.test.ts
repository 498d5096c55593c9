import { describe, expect, it } from "vitest";
import { checkForm, libraryLabel, pushSummary, shortAddress } from "./shared-words";
import type { SharedStatus } from "./api";

const status = (over: Partial<SharedStatus>): SharedStatus => ({
  shared: false,
  address: "/home/lan/.local/share/bantin/thu-vien.bantin",
  local_path: "/home/lan/.local/share/bantin/thu-vien.bantin",
  saved: null,
  password_saved: false,
  notice: null,
  ...over,
});

describe("Thư viện chung words", () => {
  it("shortens an address to account@server", () => {
    expect(shortAddress("postgresql://nguyen_thi_lan@may-chu:5432/bantin")).toBe("nguyen_thi_lan@may-chu");
    expect(shortAddress("postgresql://lan@[::1]:5432/bantin")).toBe("lan@[::1]");
    expect(shortAddress("/tmp/thu-vien.bantin")).toBe("/tmp/thu-vien.bantin");
  });

  it("says which library is open and what the switch does", () => {
    expect(libraryLabel(status({})).button).toBe("Thư viện chung…");
    expect(libraryLabel(status({})).text).toBe("Thư viện: /home/lan/.local/share/bantin/thu-vien.bantin");
    expect(libraryLabel(status({ saved: {} as never })).button).toBe("Dùng thư viện chung");
    const shared = libraryLabel(status({ shared: true, address: "postgresql://lan@may-chu:5432/bantin" }));
    expect(shared.text).toBe("Thư viện chung: lan@may-chu");
    expect(shared.button).toBe("Về thư viện trong máy");
    expect(shared.title).toContain("thu-vien.bantin");
  });

  it("sums up a copy, saying what was there already", () => {
    const r = (sent: number) => ({ local_id: 1, shared_id: 2, title: "A", sent, revisions: 3 });
    expect(pushSummary([r(3), r(0)])).toBe(
      "Đã chuyển 1 bài (3 phiên bản) lên thư viện chung; 1 bài đã có sẵn ở đó, không chuyển lại.",
    );
    expect(pushSummary([])).toBe("Chưa chọn bài nào.");
  });

  it("asks for what the form lacks before connecting", () => {
    expect(checkForm("", "", "bantin", "lan")).toContain("địa chỉ máy chủ");
    expect(checkForm("may-chu", "70000", "bantin", "lan")).toContain("Cổng");
    expect(checkForm("may-chu", "", "bantin", "lan")).toBeNull();
    expect(checkForm("may-chu", "5432", "", "lan")).toContain("cơ sở dữ liệu");
  });
});
