// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { getSearchQuery, replaceAll, SearchQuery, setSearchQuery } from "@codemirror/search";
import { findInArticle, openFind } from "./find";

function editor(doc: string) {
  const parent = document.createElement("div");
  document.body.append(parent);
  return new EditorView({ parent, state: EditorState.create({ doc, extensions: findInArticle() }) });
}

describe("find in the article", () => {
  it("speaks Vietnamese in the panel", () => {
    const view = editor("Chi bộ thôn Lạc Nam");
    openFind(view);
    const panel = view.dom.querySelector(".cm-search")!;
    expect(panel).not.toBeNull();
    const words = Array.from(panel.querySelectorAll("button, label"), (e) => e.textContent?.trim());
    for (const w of ["Tiếp", "Trước", "Tất cả", "Khớp chữ hoa", "Biểu thức chính quy", "Theo từ", "Thay", "Thay tất cả"]) expect(words).toContain(w);
    const placeholders = Array.from(panel.querySelectorAll("input[placeholder]"), (e) => e.getAttribute("placeholder"));
    expect(placeholders).toEqual(["Tìm", "Thay thế"]);
    expect(panel.querySelector("button[name=close]")?.getAttribute("aria-label")).toBe("Đóng");
    expect(panel.textContent).not.toMatch(/\b(next|previous|replace|match case|regexp|by word)\b/);
  });

  it("replaces every match, Vietnamese letters included", () => {
    const view = editor("thôn Lạc Nam, thôn Xuân Hòa, Thôn Đông");
    openFind(view);
    view.dispatch({ effects: setSearchQuery.of(new SearchQuery({ search: "thôn", replace: "xóm", caseSensitive: true })) });
    expect(getSearchQuery(view.state).search).toBe("thôn");
    replaceAll(view);
    expect(view.state.doc.toString()).toBe("xóm Lạc Nam, xóm Xuân Hòa, Thôn Đông");
  });
});
