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
import { askOrganisation } from "./first-start";
import { wireShortcuts } from "./shortcuts";
import { wireTemplateEditor } from "./template-editor";
import { showLibraryPath } from "./status-bar";
import { wireSharedLibrary } from "./shared-library";
import { wireImporting } from "./importing";
import { wirePresence } from "./presence";

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
wirePresence(state);
// After a restore, or a switch to the shared library and back, the library
// is another one: forget the open article, list again and open the newest.
const reload = async () => {
  state.set({ current: null, library: await api.libraryInfo() });
  await list.refresh();
  const { articles } = state.get();
  if (articles.length) await article.open(articles[0].id);
};
wireSettings({ flush: article.flush, reload, library: () => state.get().library });
wireImporting({ refresh: list.refresh, open: (id) => article.open(id) });
wireShortcuts({ state, article, print: actions.print });
wireTemplateEditor({
  // Cài đặt → Mẫu trình bày previews on the article on screen, as typed.
  openArticle: () => {
    const current = state.get().current;
    return current ? { id: current.id, content: article.contentFromScreen() } : null;
  },
  onSaved: () => article.refreshTemplateChoice(),
});

async function start() {
  $("panes").hidden = true;
  try {
    const info = await api.libraryInfo();
    state.set({ library: info });
    showLibraryPath(info);
    await list.refresh();
    const { articles } = state.get();
    if (articles.length) await article.open(articles[0].id);
    if (info.first_start) await askOrganisation();
  } catch (e) {
    toast(errorMessage(e), "error");
  }
}

// The shared library (if the editor left the app on it) once the screen is up.
void start().then(() => wireSharedLibrary({ flush: article.flush, reload }));
