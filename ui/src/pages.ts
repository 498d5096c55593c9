// "Xem trang in": the pages the print layout made, drawn as SVG by the core
// from the same positioned runs the PDF is written from (never a second
// layout in CSS). Used for an article and for a bulletin issue.
//
// The pages are shown inline (parsed as XML and imported), not as
// <img src="data:image/svg+xml,…">: WebKitGTK does not load the photos
// inside an SVG used as an image. The SVG is our own core's output — text
// escaped, no scripts, photos as data: URLs — and it goes through
// DOMParser, never innerHTML; scripts imported this way would not run
// anyway, and the CSP forbids inline script.
import { errorMessage, type PagePreview } from "./api";
import { openSettingsAt } from "./settings";
import { printPages } from "./printing";
import { toast } from "./dialogs";

const SVG_NS = "http://www.w3.org/2000/svg";

/** One page string → an <svg> element for this document, or null if it is not SVG. */
export function pageElement(svg: string, index: number): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== "svg" || doc.getElementsByTagName("parsererror").length) return null;
  const page = document.importNode(root, true) as unknown as SVGSVGElement;
  // The CSS scales the page to the dialog's width; the viewBox keeps its shape.
  page.removeAttribute("width");
  page.removeAttribute("height");
  const box = page.viewBox.baseVal;
  if (box && box.width > 0) page.style.aspectRatio = `${box.width} / ${box.height}`;
  page.classList.add("page");
  page.setAttribute("role", "img");
  page.setAttribute("aria-label", `Trang ${index + 1}`);
  return page;
}

let shown: { title: string; load: () => Promise<PagePreview> } | undefined;
let refreshWired = false;

/** The pages the dialog shows now (none while it lays out). */
function shownPages(): SVGSVGElement[] {
  return Array.from(document.querySelectorAll<SVGSVGElement>("#pages-list svg.page"));
}

/** "In" and Ctrl+P while the dialog is open: the system's print dialog on the pages shown. */
export function printShown(): boolean {
  const d = document.getElementById("pages") as HTMLDialogElement;
  const pages = shownPages();
  if (!d.open || !pages.length) return false;
  // The sentence, then its technical detail on a line of its own.
  printPages(pages).catch((e) => toast(errorMessage(e), "error"));
  return true;
}

/** Wires the dialog's "In" button. */
export function wirePages() {
  document.getElementById("pages-print")!.addEventListener("click", () => void printShown());
}

/**
 * Opens the page dialog titled `title` and fills it with what `load` lays
 * out; with `print` (Ctrl+P), then opens the system's print dialog on them.
 */
export async function showPages(title: string, load: () => Promise<PagePreview>, print = false) {
  const d = document.getElementById("pages") as HTMLDialogElement;
  shown = { title, load };
  if (!refreshWired) {
    refreshWired = true;
    // A field filled in from a warning's "Mở Cài đặt": lay the pages out again.
    document.getElementById("settings")!.addEventListener("saved", () => {
      if (d.open && shown) void showPages(shown.title, shown.load);
    });
  }
  const printButton = document.getElementById("pages-print") as HTMLButtonElement;
  printButton.disabled = true;
  const list = document.getElementById("pages-list")!;
  const state = document.getElementById("pages-state")!;
  const warnings = document.getElementById("pages-warnings")!;
  list.replaceChildren();
  warnings.replaceChildren();
  warnings.hidden = true;
  document.getElementById("pages-title")!.textContent = title;
  state.textContent = "Đang dàn trang…";
  if (!d.open) d.showModal();
  try {
    const preview = await load();
    const pages = preview.pages.map(pageElement).filter((p): p is SVGSVGElement => p !== null);
    list.replaceChildren(...pages);
    list.scrollTop = 0;
    state.textContent = `${pages.length} trang`;
    printButton.disabled = pages.length === 0;
    if (preview.warnings.length) {
      warnings.hidden = false;
      warnings.replaceChildren(
        ...preview.warnings.map((w) => {
          const li = document.createElement("li");
          li.textContent = w.message;
          // A field left empty in Thông tin đơn vị: open Cài đặt on it.
          if (w.field) {
            const fix = document.createElement("button");
            fix.type = "button";
            fix.className = "fix";
            fix.dataset.field = w.field;
            fix.textContent = "Mở Cài đặt";
            fix.addEventListener("click", () => openSettingsAt(w.field!));
            li.append(" ", fix);
          }
          return li;
        }),
      );
    }
  } catch (e) {
    state.textContent = errorMessage(e);
    return;
  }
  if (print) printShown();
}
