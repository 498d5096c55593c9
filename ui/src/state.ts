// The screen's one piece of shared state: which article is open, whether it
// has unsaved changes, the library as last listed, which view and side tab
// are shown, the revision chosen in Lịch sử. Every module reads and changes
// it through one store; a module that must follow a change (the list's
// selection, the pane layout) subscribes to the part it shows.
import type { Article, ArticleSummary, LibraryInfo, Revision, SearchHit } from "./api";

/** Soạn + xem, Soạn, Xem trước: the centre's layout (`#panes[data-view]`). */
export type PaneView = "both" | "editor" | "preview";
/** Soạn (the surface that looks like the paper) or Mã nguồn (the Markdown). */
export type EditorMode = "surface" | "source";
/** Thuộc tính or Lịch sử on the right. */
export type SideTab = "meta" | "history" | "checks";

export interface AppState {
  /** The library as last listed. */
  articles: ArticleSummary[];
  /** Search hits for the text in the search box, or null when it is empty. */
  hits: SearchHit[] | null;
  /** The article on screen, as last loaded or saved. */
  current: Article | null;
  /** Edits on screen that are not saved yet. */
  dirty: boolean;
  view: PaneView;
  editorMode: EditorMode;
  tab: SideTab;
  /** The revision chosen in Lịch sử (for Khôi phục). */
  selectedRevision: number | null;
  /** The revision shown in Lịch sử, for the side-by-side comparison. */
  shownRevision: Revision | null;
  library: LibraryInfo;
}

export type Listener<T> = (now: Readonly<T>, before: Readonly<T>) => void;

export interface Store<T> {
  get(): Readonly<T>;
  /** Changes some fields; listeners hear of it only if a field really changed. */
  set(patch: Partial<T>): void;
  /** Calls `listener` after every change; gives back the way to stop. */
  subscribe(listener: Listener<T>): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state: T = { ...initial };
  const listeners = new Set<Listener<T>>();
  return {
    get: () => state,
    set(patch) {
      const before = state;
      const keys = Object.keys(patch) as (keyof T)[];
      if (keys.every((k) => Object.is(patch[k], before[k]))) return;
      state = { ...before, ...patch };
      for (const l of Array.from(listeners)) l(state, before);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * Calls `then` with the new value whenever `pick(state)` changes (compared
 * with Object.is), and not for changes elsewhere in the state.
 */
export function watch<T, V>(store: Store<T>, pick: (s: Readonly<T>) => V, then: (value: V) => void): () => void {
  return store.subscribe((now, before) => {
    const v = pick(now);
    if (!Object.is(v, pick(before))) then(v);
  });
}

export function initialState(): AppState {
  return {
    articles: [],
    hits: null,
    current: null,
    dirty: false,
    view: "both",
    editorMode: "surface",
    tab: "meta",
    selectedRevision: null,
    shownRevision: null,
    library: { path: "", articles: 0, export_dir: "", first_start: false },
  };
}

export type AppStore = Store<AppState>;

export function createAppState(): AppStore {
  return createStore(initialState());
}

/** The id of the article on screen, or null. */
export const currentId = (s: Readonly<AppState>): number | null => s.current?.id ?? null;
