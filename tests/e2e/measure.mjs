// Footprint and typing latency of the editor in the real app (a benchmark,
// not part of the test suite): memory of the app's processes and the time
// to open a 5,000-word article in a 1,000-article library, and per
// keystroke typed at its end, in Soạn and in Mã nguồn, the time until the
// editor has updated and until the frame that shows the letter (target
// ≤ 16 ms). Run like the suite:
//   xvfb-run -a node tests/e2e/measure.mjs   (BANTIN_APP as for the tests)
// The 1,000 articles come from `bantin bench --articles 1000 --keep`, with
// the `bantin` built beside the app.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { app, browser, env, invoke, root, start, stop } from "./lib/session.mjs";
import { openByTitle, plainScreen, sleep, typeInEditor, useSource, useSurface } from "./lib/ui.mjs";
import { createArticle } from "./lib/library.mjs";

const TITLE = "Bài dài năm nghìn từ";

/** Resident memory of the app and every process it started (WebKit's), in MB. */
function appMemoryMb() {
  const pids = execFileSync("pgrep", ["-f", app]).toString().split(/\s+/).filter(Boolean);
  const all = new Set();
  const walk = (pid) => {
    if (all.has(pid)) return;
    all.add(pid);
    try {
      for (const c of execFileSync("pgrep", ["-P", pid]).toString().split(/\s+/).filter(Boolean)) walk(c);
    } catch {
      // no children
    }
  };
  pids.forEach(walk);
  let kb = 0;
  for (const pid of all) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/**
 * Per key, in the page, with performance.now():
 * - "updated": from keydown until the editor has taken the letter and
 *   updated its view (the task after the input event: the editor's own
 *   update, the word count, the autosave timer);
 * - "next frame": from keydown until the first animation frame after the
 *   input event, the frame that shows the letter (at 60 Hz frames start
 *   every 16.7 ms, so this includes waiting for the next one);
 * - "painted": until the second frame after keydown (the frame after it).
 */
async function keystrokeLatency(keys, type = () => typeInEditor(keys)) {
  await browser().execute(() => {
    window.__lat = { work: [], frame: [], paint: [] };
    if (window.__latWired) return;
    window.__latWired = true;
    let t0 = 0;
    document.addEventListener(
      "keydown",
      () => {
        const t = (t0 = performance.now());
        requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.paint.push(performance.now() - t)));
      },
      true,
    );
    document.addEventListener(
      "input",
      () => {
        const t = t0;
        setTimeout(() => window.__lat.work.push(performance.now() - t), 0);
        requestAnimationFrame(() => window.__lat.frame.push(performance.now() - t));
      },
      true,
    );
  });
  await type();
  await sleep(500);
  const lat = await browser().execute(() => window.__lat);
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))].toFixed(1);
    return `median ${at(0.5)}, p95 ${at(0.95)}, max ${xs.at(-1).toFixed(1)} (n ${xs.length})`;
  };
  const within = lat.frame.filter((x) => x <= 16).length;
  return `updated: ${stats(lat.work)}; next frame: ${stats(lat.frame)} (${within}/${lat.frame.length} ≤ 16 ms); painted: ${stats(lat.paint)}`;
}

/**
 * The floor: the same keystrokes into a plain <textarea> laid over the same
 * window (no editor code at all), measured the same way.
 */
async function textareaLatency(keys) {
  await browser().execute(() => {
    const t = document.createElement("textarea");
    t.id = "measure-floor";
    t.style.cssText = "position:fixed;left:120px;top:120px;width:700px;height:300px;z-index:9999;font:16px serif";
    document.body.appendChild(t);
  });
  const el = await browser().$("#measure-floor");
  await el.click();
  const r = await keystrokeLatency(keys, () => el.addValue(keys));
  await browser().execute(() => document.getElementById("measure-floor").remove());
  return r;
}

/**
 * Kiểm tra in the real app: the `check_text` command on the article as
 * typed (what the panel asks 0.4 s after typing stops), timed in the page
 * from the call to its answer, IPC included, 21 times, each after one more
 * letter so the checker judges a changed text. The command runs on the
 * app's main thread, so a key pressed meanwhile waits for it.
 */
async function checkLatency(id) {
  const a = await invoke("get_article", { id });
  const content = { title: a.title, summary: a.summary, author: a.author, category: a.category, tags: a.tags, kind: a.kind, status: a.status, date: a.date, body: a.body, extra: a.extra };
  const r = await browser().execute(async (id, content) => {
    const times = [];
    let found = 0;
    for (let k = 0; k < 21; k++) {
      const c = { ...content, body: content.body + (k % 2 ? "x" : "q") };
      const t = performance.now();
      found = (await window.__TAURI_INTERNALS__.invoke("check_text", { id, content: c })).length;
      times.push(performance.now() - t);
    }
    return { times, found };
  }, id, content);
  r.times.sort((a, b) => a - b);
  return `check_text median ${r.times[10].toFixed(1)}, max ${r.times[20].toFixed(1)} (n 21, ${r.found} findings, ${a.body.split(/\s+/).length} words; target for a re-check ≤ 10)`;
}

const sample = readFileSync(join(root, "assets/sample/01-van-hoa-cong-so.md"), "utf8")
  .replace(/^---\n[\s\S]*?\n---\n/, "")
  .replace(/\[\^1\]/g, "");
const words = sample.split(/\s+/).length;
const body = Array.from({ length: Math.ceil(5000 / words) }, () => sample.replace(/^\[\^1\]:.*$/m, "")).join("\n\n");

const cli = join(dirname(app), "bantin");
const premade = existsSync(cli);
if (premade) {
  const dir = join(mkdtempSync(join(tmpdir(), "bantin-measure-")), "bench");
  execFileSync(cli, ["bench", "--articles", "1000", "--keep", dir], { stdio: "ignore" });
  env.BANTIN_LIBRARY = join(dir, "thu-vien.bantin");
  console.log("library: 1,000 generated articles (bantin bench)");
}
// Long enough to count: ~200 keystrokes each.
const TYPED = "Chi bộ thôn Lạc Nam đã tổ chức hội nghị quán triệt nghị quyết, mỗi đảng viên gương mẫu trong ứng xử với Nhân dân. ";

// The app asks for Thông tin đơn vị only on a library it has just created.
await start({ firstStart: !premade });
try {
  if (!premade) await plainScreen();
  await browser().waitUntil(() => browser().execute(() => document.querySelectorAll("#list .item").length > 0), { timeout: 30_000 });
  await sleep(3000);
  console.log(`app with a sample article open in Soạn: ${appMemoryMb()} MB`);
  const id = await createArticle({ title: TITLE, body });
  const t0 = Date.now();
  await openByTitle(TITLE);
  await browser().waitUntil(() => browser().execute(() => document.querySelectorAll(".surface .ProseMirror p").length > 100), { timeout: 20_000 });
  console.log(`open the ${body.split(/\s+/).length}-word article in Soạn: ${Date.now() - t0} ms (click to text shown, WebDriver included)`);
  await sleep(2000);
  console.log(`app with it open in Soạn: ${appMemoryMb()} MB`);
  console.log("typing into a plain textarea over the same window (the floor):", await textareaLatency(TYPED));
  console.log("typing at its end in Soạn (ms from keydown):", await keystrokeLatency(TYPED.repeat(2)));
  console.log("Kiểm tra of that article in the app (ms):", await checkLatency(id));
  await useSource();
  await sleep(1000);
  console.log("typing at its end in Mã nguồn (ms from keydown):", await keystrokeLatency(TYPED.repeat(2)));
  console.log(`app after Mã nguồn: ${appMemoryMb()} MB`);
  await useSurface();
} finally {
  await stop();
}
