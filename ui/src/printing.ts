// Ctrl+P and "In": the system's print dialog on exactly the pages the PDF
// has. The pages are the ones "Xem trang in" drew (SVG from the core's own
// layout, the same positioned runs the PDF is written from), copied into a
// print-only container outside the app: one page per sheet, the sheet as
// large as the template's paper (an @page rule), none of the app's chrome.
// The shell opens the system's print dialog on them (GTK's, WebView2's), on
// that paper with no margin: WebKitGTK prints on the dialog's page setup,
// not on the @page rule, so the paper is handed to the shell too.
//
// Every request is recorded on the container (`data-requests`, `data-pages`,
// `data-paper`), so a test can see what was asked for even where the display
// has no print dialog.

import { api } from "./api";

const SHEETS = "print-sheets";
const PAGE_RULE = "print-page-size";

/** A sheet's size in points (1/72 inch), as the core lays pages out. */
export interface Paper {
  width: number;
  height: number;
}

/** The paper of a page drawn by the core: its viewBox, in points. */
export function paperOf(page: SVGSVGElement): Paper | null {
  const box = page.viewBox.baseVal;
  return box && box.width > 0 && box.height > 0 ? { width: box.width, height: box.height } : null;
}

/** The @page rule for sheets of this paper (points), no margin: the page carries its own. */
export function pageRule(paper: Paper): string {
  return `@page { size: ${paper.width.toFixed(2)}pt ${paper.height.toFixed(2)}pt; margin: 0; }`;
}

function container(): HTMLElement {
  let box = document.getElementById(SHEETS);
  if (!box) {
    box = document.createElement("div");
    box.id = SHEETS;
    box.className = "print-sheets";
    box.setAttribute("aria-hidden", "true");
    box.dataset.requests = "0";
    document.body.append(box);
  }
  return box;
}

/**
 * Puts copies of `pages` on the print sheets, sizes the paper from the first
 * page, records the request and opens the system's print dialog (`print`).
 * Gives back the number of pages sent to print.
 */
export async function printPages(pages: SVGSVGElement[], print: (paper: Paper) => Promise<unknown> = api.printWindow): Promise<number> {
  const paper = pages.length ? paperOf(pages[0]) : null;
  if (!paper) return 0;
  const box = container();
  box.replaceChildren(
    ...pages.map((p) => {
      const sheet = document.createElement("section");
      sheet.className = "sheet";
      const copy = p.cloneNode(true) as SVGSVGElement;
      const own = paperOf(p) ?? paper;
      copy.removeAttribute("style");
      copy.style.width = `${own.width}pt`;
      copy.style.height = `${own.height}pt`;
      // As wide as the paper (WebKit scales the document's width to the
      // page's: a narrower sheet would print larger) and a hair (1 mm) less
      // high, so the next sheet starts on the next page, not a blank one.
      sheet.style.width = `${own.width}pt`;
      sheet.style.height = `calc(${own.height}pt - 4px)`;
      sheet.append(copy);
      return sheet;
    }),
  );
  let rule = document.getElementById(PAGE_RULE);
  if (!rule) {
    rule = document.createElement("style");
    rule.id = PAGE_RULE;
    document.head.append(rule);
  }
  rule.textContent = pageRule(paper);
  box.dataset.pages = String(pages.length);
  box.dataset.paper = `${paper.width.toFixed(2)}x${paper.height.toFixed(2)}`;
  box.dataset.requests = String(Number(box.dataset.requests) + 1);
  // Let the screen show the pages (and "N trang") before the dialog covers it.
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  await print(paper);
  return pages.length;
}
