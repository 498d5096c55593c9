// Offline (issue 14), on the shared library the shared step connected the
// app to: the server stops (scripts/pg.sh halt) while the editor writes and
// inserts a photo; the status bar says so and counts the saves waiting on
// this PC, and the photo shows from this PC; the server comes back (resume)
// and the photo and the saves arrive, in order and once each, without the
// editor doing anything.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { browser, invoke, root } from "../lib/session.mjs";
import { paste, shot, settle, text, typeInEditor, until, waitText } from "../lib/ui.mjs";

/** Stops or starts the test's PostgreSQL (the cluster BANTIN_PG_DIR / BANTIN_PG_PORT name). */
function pgSh(action) {
  execFileSync("bash", [join(root, "scripts", "pg.sh"), action], { stdio: ["ignore", "ignore", "inherit"] });
}

const OFFLINE = "Mất kết nối thư viện chung — đã lưu trên máy này";
const OFFLINE_IN_FULL = "Mất kết nối tới thư viện chung — bài vẫn được lưu trên máy này và sẽ gửi lên khi có mạng";

export async function offlineSteps(title) {
  const id = (await invoke("list_articles")).find((a) => a.title === title).id;
  await settle();
  const before = (await invoke("article_history", { id })).length;
  pgSh("halt");
  try {
    await typeInEditor(" Câu viết lúc mất mạng.");
    await waitText("#status-net", (t) => t === `${OFFLINE}, 1 lần lưu chờ gửi`, "the status bar says the server is away, one save waits", 30_000);
    assert.equal(await browser().execute(() => document.getElementById("status-net").title), `${OFFLINE_IN_FULL} (1 lần lưu đang chờ gửi)`);
    assert.match(await text("#save-state"), /^Đã lưu trên máy này lúc/);
    await typeInEditor(" Câu thứ hai.");
    await waitText("#status-net", (t) => t === `${OFFLINE}, 2 lần lưu chờ gửi`, "two saves wait", 30_000);
    // The status bar keeps to one line at 1366 px, the message whole.
    const bar = await browser().execute(() => {
      const net = document.getElementById("status-net");
      return { height: document.querySelector(".statusbar").getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(net).lineHeight) || 20, cut: net.scrollWidth > net.clientWidth };
    });
    assert.ok(bar.height < 2 * bar.lineHeight, `the status bar is one line: ${JSON.stringify(bar)}`);
    assert.equal(bar.cut, false, "the offline line is shown whole");
    // A photo inserted meanwhile waits on this PC and shows from there.
    await paste({ file: "png" });
    await waitText("#toast", (t) => t.startsWith("Chưa gửi được ảnh lên thư viện chung vì mất kết nối"), "the editor is told the photo waits on this PC", 15_000);
    await until(() => browser().execute(() => document.querySelector("#preview figure img")?.naturalWidth === 320), "the preview shows the waiting photo", 15_000);
    await waitText("#status-net", (t) => t === `${OFFLINE}, 3 lần lưu chờ gửi`, "the save with the photo waits too", 30_000);
    await shot("mat-ket-noi");
  } finally {
    pgSh("resume");
  }
  // Sent by the app's own retry, in order, once each; nothing to merge.
  await until(async () => browser().execute(() => document.getElementById("status-net").hidden), "the waiting saves are sent", 30_000);
  const history = await invoke("article_history", { id });
  assert.equal(history.length, before + 3, JSON.stringify(history));
  const [a, b, c] = history.slice(-3);
  const first = await invoke("get_revision", { id, number: a.number });
  const second = await invoke("get_revision", { id, number: b.number });
  const third = await invoke("get_revision", { id, number: c.number });
  assert.ok(first.content.body.includes("Câu viết lúc mất mạng.") && !first.content.body.includes("Câu thứ hai."), first.content.body);
  assert.ok(second.content.body.includes("Câu viết lúc mất mạng. Câu thứ hai.") && !second.content.body.includes("asset:"), second.content.body);
  assert.match(third.content.body, /!\[[^\]]*\]\(asset:[0-9a-f]{64}\)/);
  // The photo is on the server now (the copy on this PC is gone once sent): read afresh, not from the page's cache.
  const width = await browser().execute(async () => {
    const img = new Image();
    img.src = document.querySelector("#preview figure img").src + "?tu-may-chu";
    return img.decode().then(() => img.naturalWidth, () => 0);
  });
  assert.equal(width, 320, "the photo is served by the shared library now");
  assert.equal(await invoke("merge_proposal", { id }), null, "the editor's own saves do not cross each other");
}
