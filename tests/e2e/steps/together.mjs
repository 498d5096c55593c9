// Two people, one article (issue 14), on the shared library the shared step
// connected the app to: a colleague (Trần Văn Minh, on the CLI) opens the
// article the app has open, and the editor sees "Đang được Trần Văn Minh
// sửa"; he saves his version while the editor is still typing hers from the
// same revision; her save crosses his, both are kept, the app says so and
// shows the two side by side; she keeps his words and saves the merge,
// which closes the crossing.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browser, invoke } from "../lib/session.mjs";
import { $, shot, text, typeInEditor, until, waitText, settle } from "../lib/ui.mjs";

/** Clicks the list row of article `id` until it is the one on screen. */
async function openRow(id) {
  await browser().waitUntil(
    async () => {
      try {
        await (await $(`#list .item[data-id='${id}']`)).click();
        return (await browser().execute(() => document.querySelector("#list .item.selected")?.dataset.id)) === String(id);
      } catch {
        return false;
      }
    },
    { timeout: 10_000, timeoutMsg: `article ${id} opens` },
  );
}

/**
 * `server`: what the shared step prepared (`colleague(args, input?)` runs the
 * CLI as Minh). `title`: the article the app has open on the shared library;
 * `otherTitle`: another one in its list.
 */
export async function togetherSteps(server, title, otherTitle) {
  const id = (await invoke("list_articles")).find((a) => a.title === title).id;
  const other = (await invoke("list_articles")).find((a) => a.title === otherTitle).id;

  // Minh opens the article; the app, opening it, names him.
  server.colleague(["presence", "open", String(id)]);
  await openRow(other);
  await openRow(id);
  await waitText("#presence", (t) => t === "Đang được Trần Văn Minh sửa", "the editor sees who else has the article open");
  await settle();

  // Both start from the revision on screen; Minh saves first (the CLI, with that base).
  const base = (await invoke("get_article", { id })).revision;
  const dir = mkdtempSync(join(tmpdir(), "bantin-minh-"));
  const file = join(dir, "bai.md");
  writeFileSync(file, `---\ntitle: ${title}\n---\n\nThôn Lạc Nam ra quân dọn vệ sinh đường làng vào sáng Chủ nhật.\n`);
  const said = server.colleague(["save", String(id), file, "--base", String(base), "--queue", join(dir, "hang-cho")]);
  assert.match(said, /phiên bản \d+/, said);

  // The editor, still on that revision, types hers: the save crosses his.
  await typeInEditor("Thôn Xuân Hòa ra quân trồng cây xanh vào sáng thứ Bảy.");
  await waitText("#toast", (t) => t.startsWith("Trần Văn Minh cũng đã lưu bài này trong lúc bạn sửa"), "the crossing is said, naming who", 20_000);
  await until(async () => browser().execute(() => !document.getElementById("merge-view").hidden), "the merge view opens", 10_000);
  const view = await text("#merge-view");
  assert.match(view, /Bản của bạn \(số \d+\)/);
  assert.match(view, /Bản của Trần Văn Minh \(số \d+\)/);
  assert.ok(view.includes("Thôn Lạc Nam ra quân") && view.includes("Thôn Xuân Hòa ra quân"), view);
  assert.equal(await text("#btn-merge-save"), "Còn 1 chỗ cần chọn");
  // Both revisions are in the history, nothing overwritten.
  const history = await invoke("article_history", { id });
  assert.equal(history.filter((r) => r.number > base).length, 2, JSON.stringify(history));
  await shot("hop-nhat-hai-ban");

  // She keeps Minh's words for the one conflict and saves the merge.
  await (await $(".merge-conflict .merge-side.theirs button")).click();
  await waitText("#btn-merge-save", (t) => t === "Lưu bản hợp nhất", "every conflict answered");
  await shot("hop-nhat-da-chon");
  await (await $("#btn-merge-save")).click();
  await until(async () => browser().execute(() => document.getElementById("merge-view").hidden), "the merge view closes", 10_000);
  await waitText("#toast", (t) => t.startsWith("Đã lưu bản hợp nhất"), "the merge is saved");
  const after = await invoke("get_article", { id });
  assert.ok(after.body.includes("Thôn Lạc Nam ra quân") && !after.body.includes("Xuân Hòa"), after.body);
  assert.equal((await invoke("article_history", { id })).pop().reason, "merge");
  assert.equal(await invoke("merge_proposal", { id }), null, "the crossing is closed");
  server.colleague(["presence", "close", String(id)]);
}
