import { describe, expect, it } from "vitest";
import { crossedMessage, mergeButton, mergeIntro, offlineDetail, offlineLine, presenceLine } from "./together-words";

describe("two people, one article", () => {
  it("names who else has the article open", () => {
    expect(presenceLine([])).toBe("");
    expect(presenceLine(["Nguyễn Thị Lan"])).toBe("Đang được Nguyễn Thị Lan sửa");
    expect(presenceLine(["Lan", "Minh", "Hoa"])).toBe("Đang được Lan, Minh và Hoa sửa");
  });

  it("says who saved across, or that someone did", () => {
    expect(crossedMessage("Nguyễn Thị Lan")).toMatch(/^Nguyễn Thị Lan cũng đã lưu bài này trong lúc bạn sửa\. Cả hai bản đều được giữ/);
    expect(crossedMessage(null)).toMatch(/^Bài này cũng vừa được lưu ở nơi khác/);
  });

  it("counts what the merge still needs", () => {
    expect(mergeButton(2)).toBe("Còn 2 chỗ cần chọn");
    expect(mergeButton(0)).toBe("Lưu bản hợp nhất");
    expect(mergeIntro(0, "Bản của Nguyễn Thị Lan (số 5)")).toContain("bản của Nguyễn Thị Lan (số 5)");
    expect(mergeIntro(1, "x")).toContain("1 chỗ cả hai cùng sửa khác nhau");
  });

  it("says the network is gone and how many saves wait", () => {
    expect(offlineLine(0)).toBe("Mất kết nối thư viện chung — đã lưu trên máy này");
    expect(offlineLine(3)).toBe("Mất kết nối thư viện chung — đã lưu trên máy này, 3 lần lưu chờ gửi");
    // The status bar's line is short; its tooltip says it all.
    expect(offlineLine(3).length).toBeLessThan(80);
    expect(offlineDetail(0)).toBe("Mất kết nối tới thư viện chung — bài vẫn được lưu trên máy này và sẽ gửi lên khi có mạng");
    expect(offlineDetail(3)).toMatch(/\(3 lần lưu đang chờ gửi\)$/);
  });
});
