// Word in and Word out, and old TCVN3/VNI text: a .docx made by pandoc from
// a sample article dropped on the library opens with its headings and table;
// an old .doc is refused with what to do; text pasted in ".VnTime" and a
// TCVN3 .txt come in as Unicode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browser, env, invoke } from "../lib/session.mjs";
import { $, contentSelector, paste, plainScreen, shot, text, until, useSurface, waitText } from "../lib/ui.mjs";
import { freshArticle, retire, savedBody, writtenSince } from "../lib/library.mjs";

const TITLE = "Kết quả thực hiện Quy chế dân chủ ở thôn Đồng Tâm";
const SAMPLE = `# ${TITLE}

Năm 2026, Chi bộ thôn Đồng Tâm lãnh đạo thực hiện tốt Quy chế dân chủ ở cơ sở.

## Những việc đã làm

Thôn tổ chức **hội nghị** lấy ý kiến Nhân dân về *quy ước* của thôn.

| Nội dung | Số hộ |
| --- | --- |
| Đóng góp làm đường | 124 |
| Tham gia hòa giải | 37 |

## Phương hướng năm tới

Tiếp tục phát huy vai trò của Mặt trận và các đoàn thể.
`;

/** Drops files on the element `sel` as the system would: a drop event whose dataTransfer holds them. */
async function dropFiles(sel, files) {
  await browser().execute(
    (sel, files) => {
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type ?? "" }));
      }
      const target = document.querySelector(sel);
      for (const type of ["dragenter", "dragover", "drop"]) {
        const e = new Event(type, { bubbles: true, cancelable: true });
        Object.defineProperty(e, "dataTransfer", { value: dt });
        target.dispatchEvent(e);
      }
    },
    sel,
    files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString("base64"), type: f.type })),
  );
}

/** A .docx made by pandoc from Markdown, as an office would receive one. */
function pandocDocx(markdown) {
  const dir = mkdtempSync(join(tmpdir(), "bantin-word-"));
  try {
    writeFileSync(join(dir, "bai.md"), markdown);
    execFileSync("pandoc", ["-f", "markdown", "-o", join(dir, "bai.docx"), join(dir, "bai.md")]);
    return readFileSync(join(dir, "bai.docx"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function wordSteps() {
  test("Word: a .docx dropped on the library opens with its headings and table; Xuất Word writes it back", async () => {
    await plainScreen();
    await retire((a) => a.title === TITLE);
    await dropFiles("#list", [{ name: "quy-che-dan-chu.docx", bytes: pandocDocx(SAMPLE) }]);
    await waitText("#toast", (t) => t.startsWith(`Đã nhập bài "${TITLE}"`), "the Word file is imported", 30_000);
    await waitText("#doc-title", (t) => t === TITLE, "the imported article is open");
    await useSurface();
    const shown = await browser().execute((sel) => {
      const root = document.querySelector(sel);
      return {
        headings: Array.from(root.querySelectorAll("h1, h2, h3, h4"), (h) => h.textContent.trim()),
        cells: Array.from(root.querySelectorAll("table td, table th"), (c) => c.textContent.trim()),
        bold: Array.from(root.querySelectorAll("strong"), (b) => b.textContent),
      };
    }, await contentSelector());
    assert.deepEqual(shown.headings, ["Những việc đã làm", "Phương hướng năm tới"]);
    assert.deepEqual(shown.cells, ["Nội dung", "Số hộ", "Đóng góp làm đường", "124", "Tham gia hòa giải", "37"]);
    assert.deepEqual(shown.bold, ["hội nghị"]);
    assert.ok((await text("#list")).includes(TITLE), "the article is in the library list");
    await shot("nhap-word");

    const since = Date.now();
    await (await $("#btn-export-docx")).click();
    await waitText("#toast", (t) => t.startsWith("Đã xuất tệp Word:"), "Word export finished", 30_000);
    const docs = writtenSince(env.BANTIN_EXPORT_DIR, ".docx", since);
    assert.equal(docs.length, 1, "one .docx in the export folder");
    const xml = execFileSync("unzip", ["-p", join(env.BANTIN_EXPORT_DIR, docs[0]), "word/document.xml"]).toString();
    for (const w of ["Những việc đã làm", "Tham gia hòa giải", "Đóng góp làm đường"]) assert.ok(xml.includes(w), w);
  });

  test("Word: an old .doc is refused with what to do and where to click; nothing comes in", async () => {
    await plainScreen();
    const before = (await invoke("list_articles")).length;
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await (await $("#btn-import")).waitForDisplayed();
    await dropFiles("#list", [{ name: "bao-cao-cu.doc", bytes: ole }]);
    await waitText("#toast", (t) => t.includes("Word đời cũ"), "the old .doc is refused", 20_000);
    const message = await text("#toast");
    assert.match(message, /bao-cao-cu\.doc/);
    assert.match(message, /\.docx/);
    assert.match(message, /Nhập tệp Word/);
    assert.equal((await browser().execute(() => document.getElementById("toast").className)).includes("error"), true);
    assert.equal((await invoke("list_articles")).length, before, "nothing half-imported");
    await shot("nhap-word-doc-cu");
  });

  test("old encodings: a TCVN3 .txt dropped comes in as Unicode, said; text pasted in .VnTime is converted", async () => {
    await plainScreen();
    const title = "Tin cũ gõ bằng TCVN3";
    await retire((a) => a.title === "tin cu tcvn3");
    const unicode = "Chi bộ thôn đã tổ chức hội nghị tổng kết công tác dân vận năm 2026. Tăng cường công tác dân vận để xây dựng Đảng bộ vững mạnh, chính quyền gần dân, Nhân dân đồng thuận.";
    const tcvn3 = execFileSync("iconv", ["-f", "utf-8", "-t", "TCVN5712-1"], { input: unicode });
    await dropFiles("#library", [{ name: "tin-cu-tcvn3.txt", bytes: tcvn3 }]);
    await waitText("#toast", (t) => t.startsWith("Đã nhập bài"), "the TCVN3 file is imported", 20_000);
    const said = await text("#toast");
    assert.match(said, /bảng mã cũ TCVN3; đã chuyển sang Unicode/);
    assert.equal((await savedBody("tin cu tcvn3"))?.trim(), unicode);

    await freshArticle({ title, body: "Đoạn đầu." });
    await useSurface();
    await paste({ html: `<p class=MsoNormal><span style='font-family:".VnTime"'>${execFileSync("iconv", ["-f", "utf-8", "-t", "TCVN5712-1"], { input: "Tăng cường công tác dân vận" }).toString("latin1")}</span></p>` });
    await until(async () => (await text(await contentSelector())).includes("Tăng cường công tác dân vận"), "the pasted old text reads as Unicode", 10_000);
    assert.ok(!(await text(await contentSelector())).includes("¨"), "no Latin-1 soup left");
    await shot("dan-tcvn3");
  });
}
