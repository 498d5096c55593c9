// The one app session of a suite run: tauri-driver started once, the app
// launched through it (and launched again after a step closes or kills it),
// and everything stopped at the end. Paths and environment of the run.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, openSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..", "..");
/** The debug app: BANTIN_APP, else cargo's target directory (CARGO_TARGET_DIR or ./target). */
export const app = process.env.BANTIN_APP ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug", "bantin-app");
export const artifacts = join(here, "..", "artifacts");

const work = mkdtempSync(join(tmpdir(), "bantin-e2e-"));
export const env = {
  ...process.env,
  BANTIN_LIBRARY: join(work, "thu-vien.bantin"),
  BANTIN_EXPORT_DIR: join(work, "xuat"),
};

let driver;
let current;

/** The WebDriver session with the running app. */
export function browser() {
  if (!current) throw new Error("the app is not running");
  return current;
}

/** Calls one of the app's commands from the page, as the UI does. */
export function invoke(cmd, args) {
  return browser().execute((cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args ?? {}), cmd, args ?? null);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

/** tauri-driver's port (BANTIN_E2E_PORT, default 4444) and WebKitWebDriver's, the next one. */
const PORT = Number(process.env.BANTIN_E2E_PORT ?? 4444);

async function waitPorts() {
  // tauri-driver listens on 4444 before WebKitWebDriver is up on 4445.
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if ((await portOpen(PORT)) && (await portOpen(PORT + 1))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not start (ports ${PORT}/${PORT + 1})`);
}

/** Starts the app (a new WebDriver session) on the library of this run. */
export async function launch() {
  current = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app } },
  });
  await current.setTimeout({ implicit: 0 });
}

/** Ends the WebDriver session (the app is gone or going). */
export async function endSession() {
  if (current) await current.deleteSession().catch(() => {});
  current = undefined;
}

/**
 * Starts tauri-driver, waits for it, and launches the app. The app asks for
 * Thông tin đơn vị only on a library it has just created: pass
 * `{ firstStart: false }` when BANTIN_LIBRARY already exists.
 */
export async function start(options) {
  if (!existsSync(app)) throw new Error(`build the app first: ${app} (or set BANTIN_APP)`);
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  // The driver's (and the app's) output goes to a log file, not to the test
  // runner's pipe: an app that lingers a moment after its session ends must
  // not keep the runner waiting for that pipe to close.
  const log = openSync(join(artifacts, "tauri-driver.log"), "w");
  driver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], { env, stdio: ["ignore", log, log] });
  await waitPorts();
  await launch();
  if (options?.firstStart === false) return;
  // A new library opens with the Thông tin đơn vị step: wait for it here, so
  // it cannot pop up in the middle of a step. steps/first-day.mjs uses it;
  // lib/ui.mjs's plainScreen closes it for every other step.
  await current.waitUntil(() => current.execute(() => document.getElementById("first-start")?.open === true), {
    timeout: 30_000,
    timeoutMsg: "the first start asks for Thông tin đơn vị",
  });
}

export async function stop() {
  await endSession();
  if (driver) driver.kill();
  driver = undefined;
}

/** Processes started (directly or not) by `pid`. */
function descendants(pid) {
  let children = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)]).toString().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** Kills the app at once (SIGKILL, as a power cut would): only the one our driver started. */
export function killApp() {
  const ours = descendants(driver.pid).filter((p) => {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(p)]).toString().startsWith(app);
    } catch {
      return false;
    }
  });
  if (!ours.length) throw new Error("the app started by this run is not running");
  for (const p of ours) process.kill(p, "SIGKILL");
}
