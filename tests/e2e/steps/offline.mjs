// Offline (issue 14), on the shared library the shared step connected the
// app to: the server stops (scripts/pg.sh halt) while the editor writes;
// the status bar says so and counts the saves waiting on this PC; the
// server comes back (resume) and the saves arrive, in order and once each,
// without the editor doing anything.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { browser, invoke, root } from "../lib/session.mjs";
import { shot, settle, text, typeInEditor, until, waitText } from "../lib/ui.mjs";

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
    await shot("mat-ket-noi");
  } finally {
    pgSh("resume");
  }
  // Sent by the app's own retry, in order, once each; nothing to merge.
  await until(async () => browser().execute(() => document.getElementById("status-net").hidden), "the waiting saves are sent", 30_000);
  const history = await invoke("article_history", { id });
  assert.equal(history.length, before + 2, JSON.stringify(history));
  const [a, b] = history.slice(-2);
  const first = await invoke("get_revision", { id, number: a.number });
  const second = await invoke("get_revision", { id, number: b.number });
  assert.ok(first.content.body.includes("Câu viết lúc mất mạng.") && !first.content.body.includes("Câu thứ hai."), first.content.body);
  assert.ok(second.content.body.includes("Câu viết lúc mất mạng. Câu thứ hai."), second.content.body);
  assert.equal(await invoke("merge_proposal", { id }), null, "the editor's own saves do not cross each other");
}
