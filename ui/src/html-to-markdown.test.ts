// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "./html-to-markdown";

const md = (html: string) => htmlToMarkdown(html).markdown;

describe("paste from a web page", () => {
  it("keeps headings, paragraphs, bold, italic and links", () => {
    expect(
      md(`<h2>Kết quả <b>nổi bật</b></h2><p>Chi bộ <strong>đã họp</strong> và <em>thống nhất</em>
          theo <a href="https://xuanhong.gov.vn/tin?a=1">cổng thông tin</a>.</p><p>Đoạn hai.</p>`),
    ).toBe("## Kết quả nổi bật\n\nChi bộ **đã họp** và *thống nhất* theo [cổng thông tin](https://xuanhong.gov.vn/tin?a=1).\n\nĐoạn hai.");
  });

  it("drops scripts, styles, event handlers and unsafe links, and runs nothing", () => {
    (globalThis as any).pwned = false;
    const out = htmlToMarkdown(
      `<style>p{color:red}</style><script>globalThis.pwned = true</script>
       <p onclick="globalThis.pwned = true" style="color:red;font-family:Arial">Văn bản <a href="javascript:alert(1)">bấm</a></p>
       <img src="x" onerror="globalThis.pwned = true">`,
    );
    expect(out.markdown).toBe("Văn bản bấm");
    expect(out.droppedImages).toBe(1);
    expect((globalThis as any).pwned).toBe(false);
  });

  it("turns lists, nested lists and tables into Markdown", () => {
    expect(md("<ul><li>Một</li><li>Hai<ul><li>Hai a</li></ul></li></ul><ol><li>Bước 1</li><li>Bước 2</li></ol>")).toBe(
      "- Một\n- Hai\n  - Hai a\n\n1. Bước 1\n2. Bước 2",
    );
    expect(md("<table><tr><th>Thôn</th><th>Số hộ</th></tr><tr><td>Lạc Nam</td><td>8.360</td></tr><tr><td>A | B</td></tr></table>")).toBe(
      "| Thôn | Số hộ |\n| --- | --- |\n| Lạc Nam | 8.360 |\n| A \\| B |  |",
    );
  });

  it("keeps spaces outside emphasis and does not double it", () => {
    expect(md("<p>Đây là<b> chữ đậm </b>nhé, <b><strong>một lần</strong></b>.</p>")).toBe("Đây là **chữ đậm** nhé, **một lần**.");
  });

  it("keeps underline from Word and web pages, but not a link's own underline", () => {
    // Word's clipboard: <u> for Ctrl+U, a styled span inside a hyperlink.
    expect(
      md(`<p class=MsoNormal>Chi bộ <u>đã họp</u> và <b><u>thống nhất</u></b>, xem
          <a href="https://xa.gov.vn/"><span class=MsoHyperlink style='color:#0563C1;text-decoration:underline'>cổng</span></a>
          và <a href="https://x.vn/" style="text-decoration: underline"><u>trang</u></a>.</p>`),
    ).toBe("Chi bộ <u>đã họp</u> và **<u>thống nhất</u>**, xem [cổng](https://xa.gov.vn/) và [trang](https://x.vn/).");
    // A web page or Google Docs: spans styled with text-decoration; "none" switches it off.
    expect(
      md(`<p><span style="text-decoration: underline; font-weight: 700">Nghị quyết</span> số
          <span style="text-decoration-line: underline">12 </span><u style="text-decoration:none">không</u></p>`),
    ).toBe("<u>**Nghị quyết**</u> số <u>12</u> không");
    // Typed tags are text.
    expect(md("<p>&lt;u&gt;chữ&lt;/u&gt;</p>")).toBe("\\<u>chữ\\</u>");
  });

  it("escapes characters Markdown would take as formatting", () => {
    expect(md("<p># không phải tiêu đề</p><p>2*3 = 6, [ghi chú]</p>")).toBe("\\# không phải tiêu đề\n\n2\\*3 = 6, \\[ghi chú\\]");
  });

  it("gives NFC text for decomposed Vietnamese", () => {
    const nfd = "Vie\u0302\u0323t Nam";
    expect(md(`<p>${nfd}</p>`)).toBe("Việt Nam");
  });
});

describe("paste from Word", () => {
  it("reads Word's list paragraphs and bold spans, and skips its markup", () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>@font-face{font-family:"Cambria Math"}</style></head>
<body lang=VI><!--StartFragment-->
<p class=MsoNormal><span style='font-size:14.0pt;font-family:"Times New Roman",serif'>Năm 2026, chi bộ <span style='font-weight:bold'>hoàn thành</span> nhiệm vụ.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Tuyên truyền<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp; </span></span><![endif]>Vận động<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>Mục tiêu</p>
<!--EndFragment--></body></html>`;
    expect(md(word)).toBe("Năm 2026, chi bộ **hoàn thành** nhiệm vụ.\n\n- Tuyên truyền\n  - Vận động\n\n1. Mục tiêu");
  });

  it("is not fooled by Google Docs' bold wrapper with normal weight", () => {
    expect(md(`<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Đậm</span> thường</p></b>`)).toBe(
      "**Đậm** thường",
    );
  });
});
