// What arrives in the editor from outside: text copied from Word or a web
// page becomes clean Markdown (html-to-markdown.ts); an image pasted or
// dropped is stored in the library and referenced as `asset:<sha256>`.
import { EditorView } from "@codemirror/view";
import type { StoredImage } from "./api";
import { htmlToMarkdown } from "./html-to-markdown";
import { convertLegacyHtml, mayHoldLegacy, type FontRun } from "./legacy-paste";
import { IMAGE_WAITS } from "./together-words";

export interface PasteSupport {
  storeImage: (file: File) => Promise<StoredImage>;
  /** Converts text pasted in an old TCVN3/VNI font, run by run, by the font named (the core does it). */
  convertLegacy: (runs: FontRun[]) => Promise<string[]>;
  say: (text: string, kind?: "ok" | "error") => void;
}

/** The caption put under a new image, selected so typing replaces it. */
export const CAPTION = "Chú thích ảnh";

const imagesIn = (list: FileList | null | undefined) => Array.from(list ?? []).filter((f) => f.type.startsWith("image/") || /\.(jpe?g|png|gif|webp)$/i.test(f.name));

/** Inserts text at `from..to` as its own paragraph(s); gives back where the text ends. */
function insertBlock(view: EditorView, from: number, to: number, text: string, select?: [number, number]): number {
  const doc = view.state.doc;
  const before = doc.sliceString(Math.max(0, from - 2), from);
  const after = doc.sliceString(to, to + 2);
  const lead = from === 0 || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const tail = after.startsWith("\n\n") || to === doc.length ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  const insert = lead + text + tail;
  const start = from + lead.length;
  view.dispatch({
    changes: { from, to, insert },
    selection: select ? { anchor: start + select[0], head: start + select[1] } : { anchor: start + text.length },
    scrollIntoView: true,
  });
  view.focus();
  return start + text.length;
}

/** Stores each image and puts a figure for it at `pos`, one after another. */
export async function insertImages(view: EditorView, files: File[], pos: number, support: PasteSupport) {
  for (const file of files) {
    try {
      const img = await support.storeImage(file);
      const figure = `![${CAPTION}](asset:${img.sha256})`;
      const at = Math.min(pos, view.state.doc.length);
      pos = insertBlock(view, at, at, figure, [2, 2 + CAPTION.length]);
      if (img.waiting) support.say(IMAGE_WAITS);
    } catch (e) {
      const message = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
      support.say(message, "error");
    }
  }
}

export function pasteAndDrop(support: PasteSupport) {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const data = event.clipboardData;
      if (!data) return false;
      const html = data.getData("text/html");
      // Word also puts a picture of the copied text on the clipboard: the
      // text wins when there is any.
      if (html && html.replace(/<[^>]*>|&nbsp;|\s/g, "").length > 0) {
        const put = (html: string) => {
          const { markdown, droppedImages } = htmlToMarkdown(html);
          if (!markdown) return false;
          const { from, to } = view.state.selection.main;
          if (/\n/.test(markdown)) insertBlock(view, from, to, markdown);
          else view.dispatch({ changes: { from, to, insert: markdown }, selection: { anchor: from + markdown.length }, scrollIntoView: true });
          if (droppedImages)
            support.say(`Đã dán chữ; ${droppedImages} ảnh trong đoạn dán không được chép. Hãy chép và dán từng ảnh riêng.`);
          return true;
        };
        // Text in an old TCVN3/VNI font is converted first (by the core).
        if (mayHoldLegacy(html)) {
          event.preventDefault();
          void convertLegacyHtml(html, support.convertLegacy).then(put, () => put(html));
          return true;
        }
        if (!put(html)) return false;
        event.preventDefault();
        return true;
      }
      const files = imagesIn(data.files);
      if (!files.length) return false;
      event.preventDefault();
      void insertImages(view, files, view.state.selection.main.head, support);
      return true;
    },
    dragover(event) {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
        event.preventDefault();
        return true;
      }
      return false;
    },
    drop(event, view) {
      const files = imagesIn(event.dataTransfer?.files);
      if (!files.length) {
        if (event.dataTransfer?.files.length) {
          event.preventDefault();
          support.say("Chỉ kéo thả được ảnh (JPEG, PNG) vào bài. Tệp khác hãy mở và chép nội dung.", "error");
          return true;
        }
        return false;
      }
      event.preventDefault();
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
      void insertImages(view, files, pos, support);
      return true;
    },
  });
}
