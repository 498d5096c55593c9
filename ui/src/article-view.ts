// The article on screen: the editor with its toolbar, the live preview, the
// metadata form (Thuộc tính), and saving — autosave after a quiet moment,
// saves one after another, never two at once.
import { api, errorMessage, type Article, type Content, type Kind } from "./api";
import "./surface.css";
import type { Command } from "./editor";
import { createArticleEditor, type ArticleEditor } from "./article-editor";
import { toast } from "./dialogs";
import { $ } from "./dom";
import type { PasteSupport } from "./paste";
import { dateField } from "./date-field";
import { debounce, escapeHtml, formatTime, parseTags } from "./format";
import { setSaveState, showWordCount } from "./status-bar";
import { applyLook } from "./surface-look";
import { watch, type AppStore, type PaneView } from "./state";
import { initChecks } from "./checks";
import { fillTemplateChoice } from "./template-editor";
import { chosenTemplate, withTemplate } from "./template-form";
import { initMergeView } from "./merge-view";
import { wireOffline } from "./offline";
import { afterPause } from "./pause";

/** Milliseconds of quiet typing before an autosave. */
const AUTOSAVE_MS = 1200;
/**
 * Milliseconds without an edit before the word count, the preview and
 * Kiểm tra follow the text: a keystroke only changes the editor (and marks
 * the article unsaved), so typing stays quick on a long article.
 */
const PAUSE_MS = 300;

const ARTICLE_BUTTONS = ["btn-export-pdf", "btn-save-as", "btn-export-docx", "btn-bundle", "btn-pages"];

export interface ArticleViewDeps {
  state: AppStore;
  /** Lists the library again (after a save that changed something). */
  refreshList: () => Promise<void>;
  /** Reloads Lịch sử (when it is shown). */
  loadHistory: () => Promise<void>;
}

export interface ArticleView {
  editor: ArticleEditor;
  /** Puts an article on screen, saved as it is. */
  show(a: Article): void;
  /** The empty centre, when no article is open (after deleting the last one). */
  showNothing(): void;
  /** Saves any pending edit first, then opens the article (if not already open). */
  open(id: number): Promise<void>;
  /** The article as the screen shows it now, ready to save. */
  contentFromScreen(): Content;
  /** Lists the templates in Thuộc tính again (after one was saved in Cài đặt). */
  refreshTemplateChoice(): void;
  /** Ctrl+S: saves now, as a revision of its own. */
  saveNow(): Promise<void>;
  /** Saves anything pending now (before switching article, exporting or closing). */
  flush(): Promise<void>;
}

export function initArticleView({ state, refreshList, loadHistory }: ArticleViewDeps): ArticleView {
  const pasteSupport: PasteSupport = {
    storeImage: (file) => api.putImage(file, file.name || "ảnh dán vào.png"),
    convertLegacy: api.convertLegacyRuns,
    say: toast,
  };
  const editor = createArticleEditor({ state, onChange: () => updateAfterEdit(), hint: (text) => toast(text), paste: pasteSupport });
  const meta = $<HTMLFormElement>("meta");
  const fields = () => meta.elements as any;
  const articleDate = dateField($<HTMLInputElement>("meta-date"));
  const historyShown = () => state.get().tab === "history";
  const checks = initChecks({ state, editor, content: () => contentFromScreen() });
  // Two saves crossed: the merge view takes the centre until it is saved.
  const merge = initMergeView({ reopen: async (id) => show(await api.getArticle(id)) });

  // The preview is drawn when it is on screen; hidden (Soạn alone), it is drawn when shown again.
  let previewStale = false;
  let previewSequence = 0;
  async function renderPreview() {
    if (!state.get().current) return;
    previewStale = state.get().view === "editor";
    if (previewStale) return;
    const mine = ++previewSequence;
    const html = headerHtml() + (await api.renderPreview(editor.text()));
    // A later drawing (another article, newer text) is on its way: this one is old.
    if (mine === previewSequence) $("preview").innerHTML = html;
  }

  function headerHtml(): string {
    const f = fields();
    const title = f.title.value.trim();
    const summary = f.summary.value.trim();
    return `<h1 class="preview-title">${escapeHtml(title)}</h1>` + (summary ? `<p class="sapo">${escapeHtml(summary)}</p>` : "");
  }

  // Soạn is drawn with the numbers of the template the article prints with,
  // which depends on its kind (and on Cài đặt: the office's templates, font).
  let lookFor = "";
  async function showLook(id: number, kind: Kind, again = false) {
    const key = `${id}:${kind}`;
    if (key === lookFor && !again) return;
    lookFor = key;
    try {
      const look = await api.pageLook(id, kind);
      if (lookFor === key) applyLook($("surface"), look);
    } catch {
      // The last look stays; exporting says what is wrong with the font.
      lookFor = "";
    }
  }
  $("settings").addEventListener("saved", () => {
    const a = state.get().current;
    if (a) void showLook(a.id, fields().kind.value, true);
  });

  // What follows the text once typing pauses, each in a task of its own.
  // The words are counted on the words shown: writing the Markdown of the
  // whole article waits for the preview, Kiểm tra and autosave.
  const later = afterPause(PAUSE_MS);
  const countWords = () => state.get().current && showWordCount(editor.wordsText());
  const previewLater = () => void renderPreview();
  const checkLater = () => state.get().current && checks.now();

  function updateAfterEdit() {
    state.set({ dirty: true });
    setSaveState("Chưa lưu");
    autosave();
    later(countWords);
    later(previewLater);
    later(checkLater);
  }

  const autosave = debounce(() => void save(true), AUTOSAVE_MS);

  function contentFromScreen(): Content {
    const f = fields();
    const extra: Record<string, unknown> = { ...(state.get().current?.extra ?? {}) };
    const soHieu = f.so_hieu.value.trim();
    if (soHieu) extra.so_hieu = soHieu;
    else delete extra.so_hieu;
    const noiNhan = f.noi_nhan.value.split("\n").map((s: string) => s.trim()).filter(Boolean);
    if (noiNhan.length) extra.noi_nhan = noiNhan;
    else delete extra.noi_nhan;
    // The signer of this report, when not the profile's (front matter keys).
    for (const key of ["chuc_vu_ky", "nguoi_ky"]) {
      const v = f[key].value.trim();
      if (v) extra[key] = v;
      else delete extra[key];
    }
    return {
      extra: withTemplate(extra, f.mau_trinh_bay.value),
      title: f.title.value.trim() || "Bài viết chưa có tiêu đề",
      summary: f.summary.value.trim(),
      author: f.author.value.trim(),
      category: f.category.value.trim(),
      tags: parseTags(f.tags.value),
      kind: f.kind.value,
      status: f.status.value,
      date: articleDate.value(),
      body: editor.text(),
    };
  }

  function show(a: Article) {
    state.set({ current: a, dirty: false });
    const f = fields();
    f.title.value = a.title;
    f.summary.value = a.summary;
    f.author.value = a.author;
    f.category.value = a.category;
    f.tags.value = a.tags.join(", ");
    f.kind.value = a.kind;
    f.status.value = a.status;
    articleDate.set(a.date);
    f.so_hieu.value = (a.extra.so_hieu as string) ?? "";
    f.noi_nhan.value = Array.isArray(a.extra.noi_nhan) ? (a.extra.noi_nhan as string[]).join("\n") : "";
    f.chuc_vu_ky.value = (a.extra.chuc_vu_ky as string) ?? "";
    f.nguoi_ky.value = (a.extra.nguoi_ky as string) ?? "";
    meta.classList.toggle("is-report", a.kind === "bao-cao");
    void showLook(a.id, a.kind);
    void fillTemplateChoice(f.mau_trinh_bay, a.kind, chosenTemplate(a.extra));
    editor.load(a.body);
    $("doc-title").textContent = a.title;
    void api.setWindowTitle(`${a.title} — Bản Tin`);
    showWordCount(a.body);
    setSaveState(`Đã lưu lúc ${formatTime(a.updated_at)}`);
    $("placeholder").hidden = true;
    $("panes").hidden = false;
    for (const b of ARTICLE_BUTTONS) $<HTMLButtonElement>(b).disabled = false;
    void renderPreview();
    checks.now();
    if (historyShown()) void loadHistory();
    void merge.check(a.id);
  }

  function showNothing() {
    merge.hide();
    state.set({ current: null, dirty: false });
    $("panes").hidden = true;
    $("placeholder").hidden = false;
    $("doc-title").textContent = "Chưa chọn bài viết";
    setSaveState("");
    for (const b of ARTICLE_BUTTONS) $<HTMLButtonElement>(b).disabled = true;
    void api.setWindowTitle("Bản Tin");
  }

  let saving: Promise<void> = Promise.resolve();

  /** Saves the article on screen; saves run one after another, never two at once. */
  function save(autosaveRun: boolean): Promise<void> {
    saving = saving.then(async () => {
      const { current, dirty } = state.get();
      if (!current || (!dirty && autosaveRun)) return;
      const id = current.id;
      state.set({ dirty: false });
      setSaveState("Đang lưu…");
      try {
        // Made from the revision on screen: a save by someone else since
        // then is kept beside this one, never overwritten.
        const outcome = await api.saveArticle(id, current.revision, contentFromScreen(), autosaveRun);
        const now = state.get().current;
        offline.saved(outcome);
        if (now?.id === id) {
          state.set({ current: { ...now, ...contentFromScreen(), revision: outcome.revision, updated_at: outcome.updated_at } });
          setSaveState(outcome.offline ? `Đã lưu trên máy này lúc ${formatTime(outcome.updated_at)} — chờ gửi lên` : `Đã lưu lúc ${formatTime(outcome.updated_at)}`);
        }
        if (outcome.changed) {
          await refreshList();
          if (historyShown()) await loadHistory();
        }
        if (outcome.crossed && state.get().current?.id === id) await merge.crossed(id);
      } catch (e) {
        state.set({ dirty: true });
        setSaveState("Chưa lưu được");
        toast(errorMessage(e), "error");
      }
    });
    return saving;
  }

  // Saves waiting for the shared library's server: retried in the save
  // chain; the article on screen follows the revisions they became.
  const offline = wireOffline({
    run: (work) => (saving = saving.then(work)),
    onSent: async (s) => {
      const id = state.get().current?.id;
      const now = s.sent.find(([a]) => a === id);
      const current = state.get().current;
      if (now && current) {
        state.set({ current: { ...current, revision: now[1] } });
        if (!state.get().dirty) setSaveState("Đã gửi lên thư viện chung");
      }
      if (s.sent.length) await refreshList();
      if (id !== undefined && s.crossed.includes(id)) await merge.crossed(id);
    },
  });

  async function flush() {
    autosave.flush();
    await save(true);
  }

  async function open(id: number) {
    if (state.get().current?.id === id) return;
    await flush();
    try {
      show(await api.getArticle(id));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  meta.addEventListener("input", (e) => {
    if (!state.get().current) return;
    const f = fields();
    // Reports and articles have their own templates.
    if ((e.target as HTMLElement).getAttribute("name") === "kind") void fillTemplateChoice(f.mau_trinh_bay, f.kind.value, "");
    meta.classList.toggle("is-report", f.kind.value === "bao-cao");
    void showLook(state.get().current!.id, f.kind.value);
    $("doc-title").textContent = f.title.value;
    updateAfterEdit();
  });
  meta.addEventListener("submit", (e) => e.preventDefault());

  $("toolbar").addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!b) return;
    if (b.dataset.cmd) editor.run(b.dataset.cmd as Command);
    if (b.id === "btn-image") $<HTMLInputElement>("image-file").click();
    if (b.id === "btn-find") editor.find(false);
    if (b.dataset.view) state.set({ view: b.dataset.view as PaneView });
  });
  // Soạn + xem / Soạn / Xem trước: the layout and its pressed button follow the state.
  // The view shown changed: its marks come from a fresh check.
  watch(state, (s) => s.editorMode, () => state.get().current && checks.schedule());
  watch(
    state,
    (s) => s.view,
    (view) => {
      $("panes").dataset.view = view;
      if (view !== "editor" && previewStale) void renderPreview();
      document.querySelectorAll<HTMLElement>(".view-toggle button").forEach((x) => x.classList.toggle("on", x.dataset.view === view));
    },
  );

  $<HTMLInputElement>("image-file").addEventListener("change", async (e) => {
    const input = e.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = "";
    await editor.insertImages(files);
  });

  // The preview follows the editor's scroll position.
  const followScroll = (e: Event) => {
    const s = e.currentTarget as HTMLElement;
    const p = $("preview");
    const ratio = s.scrollTop / Math.max(1, s.scrollHeight - s.clientHeight);
    p.scrollTop = ratio * (p.scrollHeight - p.clientHeight);
  };
  editor.source.view.scrollDOM.addEventListener("scroll", followScroll);
  $("surface").addEventListener("scroll", followScroll);

  return {
    editor,
    show,
    showNothing,
    open,
    contentFromScreen,
    refreshTemplateChoice: () => {
      const f = fields();
      void fillTemplateChoice(f.mau_trinh_bay, f.kind.value, f.mau_trinh_bay.value);
    },
    saveNow: () => {
      autosave.flush();
      return save(false);
    },
    flush,
  };
}
