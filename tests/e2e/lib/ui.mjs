// What a step does on screen: find, read and wait for elements, type, paste,
// take screenshots, and put the screen back to a plain state.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { browser, artifacts, invoke } from "./session.mjs";

let shots = 0;

/**
 * Saves a screenshot of the screen as artifacts/NN-name.png. Under Xvfb it
 * is taken from the X server (ImageMagick's import): WebKitWebDriver's own
 * screenshot waits for a frame that sometimes never comes (a modal dialog,
 * a popover in the top layer) and then holds the whole session.
 */
export async function shot(name) {
  shots += 1;
  const file = join(artifacts, `${String(shots).padStart(2, "0")}-${name}.png`);
  if (process.env.DISPLAY && existsSync("/usr/bin/import")) {
    // Let the last change reach the screen first.
    await browser().execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    execFileSync("/usr/bin/import", ["-window", "root", file], { timeout: 20_000 });
  } else {
    await browser().saveScreenshot(file);
  }
}

/**
 * After an export was asked for: waits for its message (`done` reads the
 * message's text) or for Kiểm tra's list of lỗi, answered with Vẫn xuất.
 */
export async function exportPassingChecks(done, what, timeout = 60_000) {
  const checksOpen = () => browser().execute(() => document.getElementById("export-checks").open);
  await until(async () => (await checksOpen()) || done(await text("#toast")), `${what} (or Kiểm tra)`, timeout);
  if (await checksOpen()) await (await $("#export-checks-go")).click();
  await waitText("#toast", done, what, timeout);
}

export const $ = (sel) => browser().$(sel);
export const $$ = (sel) => browser().$$(sel);

// WebKitWebDriver's getText gives "" for some laid-out elements (ellipsis,
// flex children); the DOM's own text is what an editor reads anyway.
export async function text(sel) {
  return browser().execute((s) => document.querySelector(s)?.innerText ?? "", sel);
}

export async function waitText(sel, pred, what, timeout = 15_000) {
  await browser().waitUntil(async () => pred(await text(sel)), { timeout, timeoutMsg: what });
}

export async function until(pred, timeoutMsg, timeout = 5_000) {
  await browser().waitUntil(pred, { timeout, timeoutMsg });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The view of the article's text on screen: "surface" (Soạn, the default) or "source" (Mã nguồn). */
export async function editorMode() {
  return browser().execute(() => document.querySelector("#editor").dataset.mode);
}

const CONTENT = { surface: ".surface .ProseMirror", source: ".cm-content" };

/** The editable element of the view shown. */
export async function contentSelector() {
  return CONTENT[await editorMode()];
}

async function showView(mode) {
  if ((await editorMode()) !== mode) await (await $("#btn-source")).click();
  await until(async () => (await editorMode()) === mode, `the ${mode} view is shown`);
}

/** Mã nguồn: the Markdown (CodeMirror) view. */
export const useSource = () => showView("source");
/** Soạn: the surface that looks like the paper. */
export const useSurface = () => showView("surface");

/** Types at the very end of the article, in the view shown. */
export async function typeInEditor(s) {
  const sel = await contentSelector();
  const content = await $(sel);
  await content.click();
  // The surface settles the click's own cursor a moment after the mouse is up.
  await sleep(300);
  await browser().execute((sel) => {
    // Put the cursor at the very end of the document: the end of its last
    // line (CodeMirror) or of its last paragraph, heading, caption or cell (Soạn).
    const c = document.querySelector(sel);
    const blocks = c.querySelectorAll("p, h1, h2, h3, h4, h5, h6, pre, figcaption, th, td");
    const r = document.createRange();
    r.selectNodeContents(sel === ".cm-content" || !blocks.length ? c : blocks[blocks.length - 1]);
    r.collapse(false);
    const s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }, sel);
  // The surface takes the new cursor position from the selectionchange event.
  await sleep(150);
  // Element Send Keys, not the actions API: WebKitWebDriver's key actions
  // drop a space that follows a non-ASCII letter, which no keyboard does.
  await content.addValue(s);
}

/** The text of the view shown, as an editor reads it (Markdown in Mã nguồn). */
export async function editorText() {
  return browser().execute((sel) => document.querySelector(sel).innerText, await contentSelector());
}

/** Empties the search box as a user would, and waits for the whole list. */
export async function clearSearch() {
  await browser().execute(() => {
    const s = document.querySelector("#search");
    s.value = "";
    s.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await until(async () => (await $$(".item")).length >= 3, "the whole list is back");
}

/** The list row whose title is exactly `title`. */
export const itemTitled = (title) => browser().$(`//div[contains(@class,'item')][.//div[contains(@class,'item-title')][normalize-space(.)='${title}']]`);

/**
 * Lists the library afresh and opens the article titled `title` (the newest
 * of that title) from the list: the row of that very article, once the list
 * shows it, not a row the list showed before it was refreshed.
 */
export async function openByTitle(title) {
  const ids = (await invoke("list_articles")).filter((a) => a.title === title).map((a) => a.id);
  if (!ids.length) throw new Error(`no article titled "${title}"`);
  const id = Math.max(...ids);
  await clearSearch();
  // The list repaints while it settles: find the row afresh until a click lands.
  await browser().waitUntil(
    async () => {
      try {
        await (await browser().$(`#list .item[data-id='${id}']`)).click();
        return (await text("#doc-title")) === title && (await browser().execute(() => document.querySelector("#list .item.selected")?.dataset.id)) === String(id);
      } catch {
        return false;
      }
    },
    { timeout: 10_000, timeoutMsg: `"${title}" opens` },
  );
}

/** Waits until nothing typed is waiting to be saved. */
export async function settle() {
  await until(async () => !/^(Chưa lưu|Đang lưu)/.test(await text("#save-state")), "what is on screen is saved", 20_000);
}

/**
 * A plain screen, whatever the step before left: no dialog, no message, no composer,
 * Thuộc tính shown, no filter, default sort, nothing unsaved.
 */
export async function plainScreen() {
  await browser().execute(() => {
    document.querySelectorAll("dialog[open]").forEach((d) => d.close("cancel"));
    // A message from the step before must not answer this step's wait.
    const toast = document.getElementById("toast");
    toast.hidden = true;
    toast.replaceChildren();
    for (const id of ["filter-status", "filter-kind", "filter-category", "sort"]) {
      const s = document.getElementById(id);
      if (s.value !== "") {
        s.value = "";
        s.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  });
  // A filter put back lists the library again (the store applies the filters).
  await until(async () => !(await browser().execute(() => document.getElementById("list").hasAttribute("aria-busy"))), "the list is listed again");
  if (await (await $("#composer")).isDisplayed()) await (await $("#btn-composer-close")).click();
  await (await $("button[data-tab='meta']")).click();
  await useSurface();
  await settle();
}

/** Pastes into the view shown as the system clipboard would: text/html and/or files. */
export async function paste({ html, file }) {
  await browser().execute(
    async (html, file, sel) => {
      const dt = new DataTransfer();
      if (html) dt.setData("text/html", html);
      if (file === "png") {
        const c = document.createElement("canvas");
        c.width = 320;
        c.height = 200;
        const g = c.getContext("2d");
        g.fillStyle = "#9b1c1c";
        g.fillRect(0, 0, 320, 200);
        const blob = await new Promise((r) => c.toBlob(r, "image/png"));
        dt.items.add(new File([blob], "hội nghị.png", { type: "image/png" }));
      } else if (file === "broken") {
        dt.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 1, 2])], "anh-hong.png", { type: "image/png" }));
      }
      document.querySelector(sel).dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    html ?? "",
    file ?? "",
    await contentSelector(),
  );
}

/** The colour of one screen pixel, as [r, g, b, a], read from a real screenshot. */
export async function screenPixel(x, y) {
  const png = await browser().takeScreenshot();
  return browser().execute(
    async (png, x, y) => {
      const img = new Image();
      img.src = "data:image/png;base64," + png;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      return Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data);
    },
    png,
    x,
    y,
  );
}
