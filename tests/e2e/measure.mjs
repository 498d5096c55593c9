// Footprint of the editor in the real app (not part of the test suite):
// memory of the app's processes and the time to open a 5,000-word article,
// and the time from a key press to the next painted frame while typing at
// its end, in Soạn and in Mã nguồn. Run like the suite:
//   xvfb-run -a node tests/e2e/measure.mjs   (BANTIN_APP as for the tests)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { app, browser, root, start, stop } from "./lib/session.mjs";
import { openByTitle, sleep, typeInEditor, useSource, useSurface } from "./lib/ui.mjs";
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
 * Per key: milliseconds from keydown until the editor has taken the letter
 * (the task after its input event: the editor's update, the word count, the
 * autosave timer), and until the second frame after keydown (painted; this
 * one waits for the screen's next frames, ≥ 16.7 ms at 60 Hz).
 */
async function keystrokeLatency(keys) {
  await browser().execute(() => {
    window.__lat = { work: [], paint: [] };
    let t0 = 0;
    document.addEventListener(
      "keydown",
      () => {
        const t = (t0 = performance.now());
        requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.paint.push(performance.now() - t)));
      },
      true,
    );
    document.addEventListener("input", () => setTimeout(() => window.__lat.work.push(performance.now() - t0), 0), true);
  });
  await typeInEditor(keys);
  await sleep(500);
  const lat = await browser().execute(() => window.__lat);
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    return `median ${xs[Math.floor(xs.length / 2)].toFixed(1)}, p90 ${xs[Math.floor(xs.length * 0.9)].toFixed(1)}, max ${xs.at(-1).toFixed(1)} (n ${xs.length})`;
  };
  return `taken: ${stats(lat.work)}; painted: ${stats(lat.paint)}`;
}

const sample = readFileSync(join(root, "assets/sample/01-van-hoa-cong-so.md"), "utf8")
  .replace(/^---\n[\s\S]*?\n---\n/, "")
  .replace(/\[\^1\]/g, "");
const words = sample.split(/\s+/).length;
const body = Array.from({ length: Math.ceil(5000 / words) }, () => sample.replace(/^\[\^1\]:.*$/m, "")).join("\n\n");

await start();
try {
  await sleep(3000);
  console.log(`app with a sample article open in Soạn: ${appMemoryMb()} MB`);
  await createArticle({ title: TITLE, body });
  const t0 = Date.now();
  await openByTitle(TITLE);
  await browser().waitUntil(() => browser().execute(() => document.querySelectorAll(".surface .ProseMirror p").length > 100), { timeout: 20_000 });
  console.log(`open the ${body.split(/\s+/).length}-word article in Soạn: ${Date.now() - t0} ms (click to text shown, WebDriver included)`);
  await sleep(2000);
  console.log(`app with it open in Soạn: ${appMemoryMb()} MB`);
  console.log("typing at its end in Soạn (ms, keydown → painted):", await keystrokeLatency("Thêm một câu để đo độ trễ khi gõ phím."));
  await useSource();
  await sleep(1000);
  console.log("typing at its end in Mã nguồn (ms, keydown → painted):", await keystrokeLatency(" Thêm một câu nữa để so sánh."));
  console.log(`app after Mã nguồn: ${appMemoryMb()} MB`);
  await useSurface();
} finally {
  await stop();
}
