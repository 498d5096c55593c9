// The app's screen: library list with search, editor and live preview,
// metadata and history, export. All data work is done by the core through
// `api`; each module below wires one part of the screen, over one shared
// state (state.ts). Nothing is wired when a module is imported: this file
// builds the parts in order and hands each what it needs.
import "./style.css";
import { api, errorMessage } from "./api";
import { toast, wireToast } from "./dialogs";
import { wirePages } from "./pages";
import { wireSaveAs } from "./save-as";
import { $ } from "./dom";
import { createAppState } from "./state";
import { initLibraryList } from "./library-list";
import { initArticleView } from "./article-view";
import { initHistory } from "./history";
import { wireArticleActions } from "./article-actions";
import { wireComposer } from "./bulletins";
import { wireSettings } from "./settings";
import { wireShortcuts } from "./shortcuts";
import { showLibraryPath } from "./status-bar";

const state = createAppState();
// The parts call each other only once the screen is running, after all are built.
const list = initLibraryList({ state, open: (id) => article.open(id), trashCurrent: () => actions.trashCurrent() });
const article = initArticleView({ state, refreshList: list.refresh, loadHistory: () => historyPanel.load() });
const historyPanel = initHistory({ state, article, refreshList: list.refresh });
const actions = wireArticleActions({ state, article, list });
wireComposer(() => actions.paintTopBar());
wireToast();
wirePages();
wireSaveAs({ state, article });
wireSettings({
  flush: article.flush,
  // After a restore the library is another one: forget the open article,
  // list again and open the newest.
  reload: async () => {
    state.set({ current: null });
    await list.refresh();
    const { articles } = state.get();
    if (articles.length) await article.open(articles[0].id);
  },
});
wireShortcuts({ state, article, print: actions.print });

async function start() {
  $("panes").hidden = true;
  try {
    const info = await api.libraryInfo();
    state.set({ library: info });
    showLibraryPath(info);
    await list.refresh();
    const { articles } = state.get();
    if (articles.length) await article.open(articles[0].id);
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

void start();
