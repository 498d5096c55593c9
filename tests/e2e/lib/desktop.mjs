// The desktop around the app under Xvfb: the system's own windows (print
// and file dialogs, message boxes) found and answered with xdotool as a
// person at the keyboard would, and photographs of the whole screen.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { artifacts } from "./session.mjs";

export const xdotool = (...args) => execFileSync("xdotool", args, { timeout: 20_000 }).toString().trim();

/** The X windows (ids) whose title matches `name`, now. */
export function windowsNamed(name) {
  try {
    return xdotool("search", "--name", name).split(/\s+/).filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when none
  }
}

let screens = 0;
/** A photograph of the whole X screen (the system's dialogs are not in the page's screenshot). */
export function screenShot(name) {
  screens += 1;
  execFileSync("import", ["-window", "root", join(artifacts, `screen-${String(screens).padStart(2, "0")}-${name}.png`)]);
}
