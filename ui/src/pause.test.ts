import { describe, expect, it } from "vitest";
import { afterPause, type Timers } from "./pause";

/** Timers run by hand: `advance(ms)` fires what is due, in time order. */
function fakeTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; f: () => void }>();
  const timers: Timers = {
    set: (f, ms) => {
      due.set(++next, { at: now + ms, f });
      return next;
    },
    clear: (h) => void due.delete(h as number),
  };
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const first = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!first) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].f();
    }
    now = until;
  }
  /** Fires only the earliest timer (one task of the event loop). */
  function fireNext() {
    const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
    if (!first) return;
    due.delete(first[0]);
    now = Math.max(now, first[1].at);
    first[1].f();
  }
  return { timers, advance, fireNext, count: () => due.size };
}

describe("afterPause", () => {
  it("runs nothing while edits keep coming, then each job once after the pause", () => {
    const t = fakeTimers();
    const ran: string[] = [];
    const later = afterPause(300, t.timers);
    const count = () => ran.push("count");
    const preview = () => ran.push("preview");
    for (let k = 0; k < 10; k++) {
      later(count);
      later(preview);
      t.advance(100);
    }
    expect(ran).toEqual([]);
    expect(later.pending()).toBe(true);
    t.advance(300);
    expect(ran).toEqual(["count", "preview"]);
    expect(later.pending()).toBe(false);
    t.advance(10_000);
    expect(ran).toEqual(["count", "preview"]);
  });

  it("runs one job per task, and an edit between them puts the rest off to the next pause", () => {
    const t = fakeTimers();
    const ran: string[] = [];
    const later = afterPause(300, t.timers);
    const a = () => ran.push("a");
    const b = () => ran.push("b");
    const c = () => ran.push("c");
    later(a);
    later(b);
    later(c);
    t.advance(299);
    t.fireNext();
    // The timer fired: the first job ran, the next waits for a task of its own.
    expect(ran).toEqual(["a"]);
    // A key pressed now comes first, and the rest wait for typing to pause again.
    later(a);
    t.advance(299);
    expect(ran).toEqual(["a"]);
    t.advance(1);
    expect(ran).toEqual(["a", "b", "c", "a"]);
    expect(later.pending()).toBe(false);
  });

  it("flush runs everything waiting at once, in order, and leaves no timer behind", () => {
    const t = fakeTimers();
    const ran: string[] = [];
    const later = afterPause(300, t.timers);
    later(() => ran.push("words"));
    later(() => ran.push("preview"));
    later.flush();
    expect(ran).toEqual(["words", "preview"]);
    expect(t.count()).toBe(0);
    t.advance(1000);
    expect(ran).toEqual(["words", "preview"]);
    later.flush();
    expect(ran).toEqual(["words", "preview"]);
  });

  it("a job that schedules itself again runs after the next pause, not in a loop", () => {
    const t = fakeTimers();
    let runs = 0;
    const later = afterPause(300, t.timers);
    const again = () => {
      runs++;
      if (runs < 3) later(again);
    };
    later(again);
    t.advance(300);
    expect(runs).toBe(1);
    t.advance(300);
    expect(runs).toBe(2);
    t.advance(300);
    expect(runs).toBe(3);
    t.advance(3000);
    expect(runs).toBe(3);
  });
});
