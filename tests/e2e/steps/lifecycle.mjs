// The library over time: restoring it from a backup, a crash, closing and
// opening the app again, and a library file too damaged to open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { app, browser, endSession, env, killApp, launch } from "../lib/session.mjs";
import { screenShot, windowsNamed, xdotool } from "../lib/desktop.mjs";
import { $, editorText, itemTitled, plainScreen, shot, sleep, text, typeInEditor, until, waitText } from "../lib/ui.mjs";
import { filesIn, freshArticle, invoke, retire } from "../lib/library.mjs";
import { FIRST, TITLE } from "../lib/content.mjs";

/** After the app is gone: a new session, and the article TITLE opened from the list. */
async function reopen(what) {
  await endSession();
  await launch();
  await until(async () => (await text("#list")).includes(TITLE), what, 20_000);
  await (await itemTitled(TITLE)).click();
}

export function lifecycleSteps() {
  test("restore the library from a backup: later work goes, the library before it is kept", async () => {
    // The backup holds the article; a new article is work done after it.
    await plainScreen();
    await retire((a) => a.title === "Bài viết mới");
    await freshArticle({ title: TITLE, body: FIRST });
    await invoke("backup_now");
    const libraryDir = dirname(env.BANTIN_LIBRARY);
    const before = new Set(filesIn(libraryDir));
    await (await $("#btn-new")).click();
    await waitText("#doc-title", (t) => t === "Bài viết mới", "new article opened");
    await waitText("#list", (t) => t.includes("Bài viết mới"), "the new article is listed");
    await (await $("#btn-settings")).click();
    await waitText("#settings-backups", (t) => /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · .* · thu-vien-.*\.bantin/.test(t), "the backup is listed with its time and size");
    await (await $("#settings-backups li button")).click();
    await waitText("#ask-text", (t) => t.startsWith("Thay thư viện hiện tại bằng bản sao lưu ngày"), "asks before replacing the library");
    await shot("khoi-phuc-hoi");
    await (await $("#ask-yes")).click();
    await waitText("#toast", (t) => t.startsWith("Đã khôi phục thư viện từ bản sao lưu ngày") && t.includes("truoc-khoi-phuc"), "restored, and says where the library before is kept", 30_000);
    assert.equal(await browser().execute(() => document.querySelector("#settings").open), false, "settings close without saving the old profile over the restored one");
    await shot("khoi-phuc-xong");
    await waitText("#list", (t) => t.includes(TITLE) && !t.includes("Bài viết mới"), "the library is the backup's: later work gone, the article kept");
    const kept = filesIn(libraryDir).filter((n) => n.includes("truoc-khoi-phuc") && !before.has(n));
    assert.equal(kept.length, 1, `the library before the restore is kept beside it: ${kept}`);
  });

  test("after a crash (the app killed, as by a power cut) nothing saved is lost", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    await typeInEditor(" Trước khi mất điện.");
    // Autosave runs a second after typing stops.
    await sleep(2500);
    await waitText("#status-save", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 10_000);
    killApp();
    await sleep(1000);
    await reopen("the library opens after the crash");
    await waitText("#doc-title", (t) => t === TITLE, "article opens after the crash");
    assert.ok((await editorText()).includes("Trước khi mất điện."), "what was autosaved before the crash is there");
    await shot("sau-su-co");
  });

  test("close and reopen: everything is still there", async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    // Typing right before closing: the close handler saves it. The window is
    // asked to close as the window manager's close button would.
    await typeInEditor(" Câu cuối.");
    await browser().execute(() => window.__TAURI_INTERNALS__.invoke("plugin:window|close", { label: "main" }));
    await sleep(3000);
    await reopen("the article is in the list after reopening");
    await waitText("#doc-title", (t) => t === TITLE, "article opens");
    const body = await editorText();
    assert.ok(body.includes("mỗi đảng viên phải gương mẫu"), "the text survived closing");
    assert.ok(body.includes("Câu cuối."), "what was typed just before closing was saved");
    await shot("mo-lai");
  });

  test("a damaged library: Bản Tin says so in the system's message box, in Vietnamese, and leaves the file as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bantin-hong-"));
    const file = join(dir, "thu-vien.bantin");
    const junk = Buffer.from("Day khong phai thu vien Ban Tin. ".repeat(200));
    writeFileSync(file, junk);
    // Started as from the Start menu: no terminal to read, only the screen.
    const child = spawn(app, [], { env: { ...process.env, BANTIN_LIBRARY: file, BANTIN_EXPORT_DIR: join(dir, "Bản Tin") }, stdio: ["ignore", "ignore", "pipe"] });
    let said = "";
    child.stderr.on("data", (d) => (said += d));
    const exited = new Promise((done) => child.on("exit", (code) => done(code)));
    try {
      let box = [];
      await until(async () => (box = windowsNamed("^Bản Tin chưa mở được thư viện$")).length > 0, "the message box is on screen", 20_000);
      screenShot("thu-vien-hong");
      xdotool("windowfocus", "--sync", box[0], "key", "--clearmodifiers", "Return");
      assert.equal(await exited, 1, "the app ends once the message is read");
    } finally {
      child.kill();
    }
    assert.ok(said.includes("bị hỏng") && said.includes("Sao lưu"), said);
    assert.ok(!said.includes("bantin ") && !said.includes("Cài đặt"), `no command, no setting that cannot open: ${said}`);
    assert.deepEqual(readFileSync(file), junk, "the damaged file is left as it was");
  });
}
