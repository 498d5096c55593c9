// What a step needs in the library before it starts, put there through the
// app's own commands (the same IPC the UI uses), and what it finds on disk.
import { readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { browser, invoke } from "./session.mjs";

export { invoke };
import { $, openByTitle, plainScreen, typeInEditor, until, waitText } from "./ui.mjs";

/** Changes some of an article's fields and saves it as a new revision. */
export async function updateArticle(id, change) {
  const a = await invoke("get_article", { id });
  const content = { title: a.title, summary: a.summary, author: a.author, category: a.category, tags: a.tags, kind: a.kind, status: a.status, date: a.date, body: a.body, extra: a.extra, ...change };
  await invoke("save_article", { id, base: a.revision, content, autosave: false });
  return id;
}

/** A new article with these fields (title, body, category…); gives back its id. */
export async function createArticle(fields) {
  const a = await invoke("create_article");
  return updateArticle(a.id, fields);
}

/**
 * Gives every article that `matches` (title, category) a plain title and no
 * category, so that what a step creates is the only one of its name. Nothing
 * is deleted: the recycle bin stays as it is.
 */
export async function retire(matches) {
  for (const a of await invoke("list_articles")) if (matches(a)) await updateArticle(a.id, { title: `Bài đã dùng ${a.id}`, category: "" });
}

/** Stores a plain dark red 320×200 PNG in the library; gives back its `asset:` reference. */
export async function storeRedPng() {
  const image = await browser().execute(async () => {
    const c = document.createElement("canvas");
    c.width = 320;
    c.height = 200;
    const g = c.getContext("2d");
    g.fillStyle = "#9b1c1c";
    g.fillRect(0, 0, 320, 200);
    const blob = await new Promise((r) => c.toBlob(r, "image/png"));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return window.__TAURI_INTERNALS__.invoke("put_image", bytes, { headers: { "x-file-name": encodeURIComponent("hội nghị.png") } });
  });
  return `asset:${image.sha256}`;
}

/**
 * The step's own article, alone with its title, open on a plain screen:
 * other articles of the same title are retired first.
 */
export async function freshArticle(fields) {
  await plainScreen();
  await retire((a) => a.title === fields.title);
  const id = await createArticle(fields);
  await openByTitle(fields.title);
  return id;
}

/** Empties the recycle bin: what is in it goes back to the library, under a plain title. */
export async function emptyTrash() {
  for (const t of await invoke("list_trash")) {
    await invoke("restore_from_trash", { id: t.id });
    await updateArticle(t.id, { title: `Bài đã dùng ${t.id}`, category: "" });
  }
}

/** Deletes every bulletin issue (the articles stay). */
export async function deleteBulletins() {
  for (const b of await invoke("list_bulletins")) await invoke("delete_bulletin", { id: b.id });
}

/** The names of the files in `dir` (none if it does not exist yet). */
export const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir) : []);

/** The files in `dir` ending in `ext` written (or written again) since `since` (Date.now()). */
export function writtenSince(dir, ext, since) {
  // The file system's clock is a little coarser than Date.now().
  return filesIn(dir).filter((f) => f.endsWith(ext) && statSync(join(dir, f)).mtimeMs >= since - 20);
}

/**
 * A new article written through the UI as an editor would: + Bài viết mới,
 * the title, the text typed; waits until it is autosaved.
 */
export async function typedArticle(title, body) {
  await plainScreen();
  await retire((a) => a.title === title);
  await (await $("#btn-new")).click();
  await waitText("#doc-title", (t) => t === "Bài viết mới", "new article opened");
  const field = await $("#meta-title");
  await field.clearValue();
  await field.setValue(title);
  await typeInEditor(body);
  await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "the new article is autosaved", 20_000);
  // A save that began while typing may report before the last letters are stored.
  await until(async () => (await savedBody(title))?.trim() === body.trim(), "everything typed is stored", 20_000);
}

/** The stored text of the (one) article titled `title`, or undefined. */
export async function savedBody(title) {
  const a = (await invoke("list_articles")).find((x) => x.title === title);
  return a && (await invoke("get_article", { id: a.id })).body;
}
