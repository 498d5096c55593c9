// End-to-end test of the real Bản Tin app in WebKit, driven through
// tauri-driver + WebKitWebDriver (run under Xvfb by scripts/test.sh).
// An editor's day: write an article in Vietnamese, see it in the preview,
// find it without diacritics, export a PDF, restore an older revision,
// close the app and find everything again. Screenshots of each step go to
// tests/e2e/artifacts/.
//
// One app session for the whole run (started once, here); each step sets up
// what it needs (its own article, an empty recycle bin, no bulletin issues…)
// through lib/, so a step does not depend on what the steps before it left.
// The app: BANTIN_APP, else $CARGO_TARGET_DIR/debug/bantin-app, else target/debug.
import { before, after } from "node:test";
import { start, stop } from "./lib/session.mjs";
import { firstDaySteps } from "./steps/first-day.mjs";
import { writingSteps } from "./steps/writing.mjs";
import { revisionSteps } from "./steps/revisions.mjs";
import { historySteps } from "./steps/history.mjs";
import { editingSteps, unikeySteps } from "./steps/editing.mjs";
import { surfaceSteps } from "./steps/surface.mjs";
import { publishingSteps } from "./steps/publishing.mjs";
import { lifecycleSteps } from "./steps/lifecycle.mjs";
import { checksSteps } from "./steps/checks.mjs";
import { sharedSteps } from "./steps/shared.mjs";
import { templateSteps } from "./steps/templates.mjs";
import { wordSteps } from "./steps/word.mjs";
import { bulletinSaveAsSteps, printingSteps } from "./steps/printing.mjs";
import { compositionSteps } from "./steps/composition.mjs";

before(start);
after(stop);

firstDaySteps();
writingSteps();
revisionSteps();
historySteps();
editingSteps();
surfaceSteps();
publishingSteps();
checksSteps();
templateSteps();
wordSteps();
printingSteps();
bulletinSaveAsSteps();
lifecycleSteps();
unikeySteps();
compositionSteps();
sharedSteps();
