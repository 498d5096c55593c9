// Offline (issue 14): when the shared library's server cannot be reached,
// the status bar says so and how many saves wait on this PC; the app tries
// again every few seconds (and at every save), and the line goes once they
// are all sent. The core's queue does the keeping and the sending.
import { api, type QueueState, type SaveOutcome } from "./api";
import { $ } from "./dom";
import { offlineDetail, offlineLine } from "./together-words";

/** How often the app tries again while saves wait or the server is away. */
const RETRY_MS = 5_000;

export interface Offline {
  /** What a save said about the network and the queue. */
  saved(o: SaveOutcome): void;
}

export interface OfflineDeps {
  /** Runs `work` in the save chain (never beside a save). */
  run: (work: () => Promise<void>) => Promise<void>;
  /** What the retry sent: revisions to follow, crossings to show. */
  onSent: (s: QueueState) => Promise<void>;
}

export function wireOffline({ run, onSent }: OfflineDeps): Offline {
  const line = $("status-net");
  let offline = false;
  // Saves left waiting by an earlier session are sent at the first retry.
  let waiting = 1;

  function show(isOffline: boolean, n: number) {
    offline = isOffline;
    waiting = n;
    line.hidden = !offline && !waiting;
    line.textContent = offline ? offlineLine(waiting) : waiting ? `${waiting} lần lưu đang chờ gửi lên thư viện chung` : "";
    // The full sentence on hover (the line is cut short with … on a narrow window).
    line.title = offline ? offlineDetail(waiting) : line.textContent;
  }

  setInterval(() => {
    if (!offline && !waiting) return;
    void run(async () => {
      try {
        const s = await api.sendWaiting();
        show(s.offline, s.waiting);
        await onSent(s);
      } catch {
        // Still away: the line stays as it is.
      }
    });
  }, RETRY_MS);

  return { saved: (o) => show(o.offline, o.waiting) };
}
