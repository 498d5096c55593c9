import { describe, expect, it } from "vitest";
import { folderOf } from "./save-as-folder";

describe("Lưu thành… remembers the folder", () => {
  it("takes the folder of a saved file, on Linux and on Windows", () => {
    expect(folderOf("/home/lan/Tài liệu/Báo cáo/bao-cao-thang-11.pdf")).toBe("/home/lan/Tài liệu/Báo cáo");
    expect(folderOf("C:\\Users\\Lan\\Documents\\Bản Tin\\bai.docx")).toBe("C:\\Users\\Lan\\Documents\\Bản Tin");
    expect(folderOf("/bai.pdf")).toBe("/");
    expect(folderOf("bai.pdf")).toBe("");
  });
});
