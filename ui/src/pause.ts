// Work that follows typing but need not happen on the keystroke itself (the
// word count, the preview, Kiểm tra): it waits until typing pauses, then
// runs one job per task, so a key pressed meanwhile is handled first and the
// jobs not yet run wait for the next pause. WebKitGTK has no
// requestIdleCallback: a pause is `ms` without an edit. Saving is not here:
// autosave keeps its own timer, and flushing runs it at once.

export interface Timers {
  set(f: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (f, ms) => setTimeout(f, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AfterPause {
  /** An edit: `job` (and every job still waiting) runs once typing has paused. Repeats of one job run once. */
  (job: () => void): void;
  /** Runs every waiting job now, in order (an article is being left, saved or shown). */
  flush(): void;
  /** Whether a job waits. */
  pending(): boolean;
}

export function afterPause(ms: number, timers: Timers = realTimers): AfterPause {
  // In the order first asked for since the last run; a Set keeps repeats once.
  const waiting = new Set<() => void>();
  let timer: unknown;
  let step: unknown;

  function stop() {
    if (timer !== undefined) timers.clear(timer);
    if (step !== undefined) timers.clear(step);
    timer = step = undefined;
  }

  function runOne() {
    step = undefined;
    const job = waiting.values().next().value;
    if (!job) return;
    waiting.delete(job);
    // The next one in a task of its own, after any key already waiting.
    if (waiting.size) step = timers.set(runOne, 0);
    job();
  }

  const schedule = ((job: () => void) => {
    waiting.add(job);
    stop();
    timer = timers.set(() => {
      timer = undefined;
      runOne();
    }, ms);
  }) as AfterPause;
  schedule.flush = () => {
    stop();
    for (const job of Array.from(waiting)) {
      waiting.delete(job);
      job();
    }
  };
  schedule.pending = () => waiting.size > 0;
  return schedule;
}
