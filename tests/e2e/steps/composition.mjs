// Typing through an OS input method (IBus on Linux, the Windows IME, Unikey
// in its preedit mode): the letters arrive as composition events, and the
// input method rewrites the composing word in the page as each key changes
// it ("d" → "đ", "đo" → "đô" → "đôi" → "đổi"), then commits it. WebDriver
// cannot drive an OS input method, so the step does in the page what the
// browser does for one: compositionstart, then for every state of the word
// beforeinput, the text node rewritten, compositionupdate and input
// (insertCompositionText), and compositionend; the editors read what changed
// as they would from a real IME. Checked in Soạn (ProseMirror's
// contenteditable) and in Mã nguồn (CodeMirror's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "../lib/session.mjs";
import { $, contentSelector, editorText, shot, sleep, text, typeInEditor, until, useSource, useSurface, waitText } from "../lib/ui.mjs";
import { freshArticle, savedBody } from "../lib/library.mjs";
import { FIRST, TITLE } from "../lib/content.mjs";

const PREFIX = "IME: ";
const SENTENCE = "Việt Nam đổi mới, người dân đồng thuận";
// What the input method shows while each word is typed in Telex, and the
// plain keys it lets through after the word (space, comma).
const WORDS = [
  [["V", "Vi", "Vie", "Viê", "Việ", "Việt"], " "], // V i e e j t
  [["N", "Na", "Nam"], " "],
  [["d", "đ", "đo", "đô", "đôi", "đổi"], " "], // d d o o i r
  [["m", "mo", "mơ", "mơi", "mới"], ", "], // m o w i s
  [["n", "ng", "ngu", "ngư", "ngươ", "ngươi", "người"], " "], // n g u w o w i f
  [["d", "da", "dâ", "dân"], " "], // d a a n
  [["d", "đ", "đo", "đô", "đôn", "đông", "đồng"], " "], // d d o o n g f
  [["t", "th", "thu", "thuâ", "thuân", "thuận"], ""], // t h u a a n j
];

/** Composes one word at the caret in the editable `sel`, as an OS input method does. */
function composeWord(sel, states) {
  return browser().executeAsync(
    (sel, states, done) => {
      const root = document.querySelector(sel);
      root.focus();
      const s = getSelection();
      // The text node the caret is in (or at the end of).
      let node = s.focusNode;
      let at = s.focusOffset;
      if (node.nodeType !== Node.TEXT_NODE) {
        let c = node.childNodes[at - 1];
        while (c && c.nodeType !== Node.TEXT_NODE) c = c.lastChild;
        if (c) {
          node = c;
          at = c.data.length;
        } else {
          const t = document.createTextNode("");
          node.insertBefore(t, node.childNodes[at] ?? null);
          node = t;
          at = 0;
        }
      }
      const target = node.parentElement;
      const fire = (e) => target.dispatchEvent(e);
      let shown = "";
      const step = (i) => {
        if (i === states.length) {
          fire(new CompositionEvent("compositionend", { bubbles: true, data: shown }));
          setTimeout(() => done(node.isConnected), 60);
          return;
        }
        const next = states[i];
        fire(new InputEvent("beforeinput", { bubbles: true, cancelable: false, inputType: "insertCompositionText", data: next, isComposing: true }));
        node.data = node.data.slice(0, at) + next + node.data.slice(at + shown.length);
        shown = next;
        s.collapse(node, at + next.length);
        fire(new CompositionEvent("compositionupdate", { bubbles: true, data: next }));
        fire(new InputEvent("input", { bubbles: true, inputType: "insertCompositionText", data: next, isComposing: true }));
        setTimeout(() => step(i + 1), 25);
      };
      fire(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
      step(0);
    },
    sel,
    states,
  );
}

export function compositionSteps() {
  for (const [view, use] of [["Soạn", useSurface], ["Mã nguồn", useSource]]) compositionStep(view, use);
}

function compositionStep(view, use) {
  test(`${view}: typing through composition events (an OS input method) keeps every letter once`, async () => {
    await freshArticle({ title: TITLE, body: FIRST });
    await use();
    // A new paragraph at the end, begun with plain keys.
    await typeInEditor(`\uE007${PREFIX}`);
    const sel = await contentSelector();
    const content = await $(sel);
    for (const [states, after] of WORDS) {
      await composeWord(sel, states);
      if (after) await content.addValue(after);
      await sleep(50);
    }
    const expected = PREFIX + SENTENCE;
    await browser().waitUntil(async () => (await editorText()).includes(expected), {
      timeout: 5_000,
      timeoutMsg: `the editor shows “${expected}”: ${JSON.stringify((await editorText()).slice(-120))}`,
    });
    const lines = (await editorText()).split("\n").map((l) => l.trim()).filter(Boolean);
    assert.equal(lines.at(-1), expected, "the last paragraph is exactly what was typed: nothing lost, nothing doubled");
    const count = (hay, needle) => hay.split(needle).length - 1;
    assert.equal(count(await editorText(), expected), 1);
    await waitText("#preview", (t) => t.includes(expected), "the preview shows the sentence");
    await until(async () => (await savedBody(TITLE)).includes(expected), "autosave stored the sentence", 20_000);
    await waitText("#save-state", (t) => t.startsWith("Đã lưu lúc"), "autosaved", 20_000);
    const saved = (await savedBody(TITLE)).split("\n").map((l) => l.trim()).filter(Boolean);
    assert.equal(saved.at(-1), expected, "the saved article ends with exactly the sentence");
    assert.equal(count(await text("#preview"), expected), 1);
    await shot(view === "Soạn" ? "go-ime-soan" : "go-ime-ma-nguon");
  });
}
