// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { pageRule, paperOf, printPages } from "./printing";

const SVG_NS = "http://www.w3.org/2000/svg";

/** A page as pages.ts shows it: the core's SVG, sized by its viewBox (points). */
function page(width: number, height: number, text: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg") as SVGSVGElement;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("style", "aspect-ratio: 1 / 1.41");
  const t = document.createElementNS(SVG_NS, "text");
  t.textContent = text;
  svg.append(t);
  return svg;
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("printing the print pages", () => {
  it("sizes the paper from the page's viewBox, in points, without a margin", () => {
    expect(paperOf(page(595.28, 841.89, "x"))).toEqual({ width: 595.28, height: 841.89 });
    expect(pageRule({ width: 841.89, height: 595.28 })).toBe("@page { size: 841.89pt 595.28pt; margin: 0; }");
  });

  it("puts one copy of each page on a sheet, records the request and opens the print dialog once", async () => {
    const print = vi.fn(async () => {});
    const pages = [page(595.28, 841.89, "Trang một"), page(595.28, 841.89, "Trang hai"), page(595.28, 841.89, "Trang ba")];
    expect(await printPages(pages, print)).toBe(3);
    expect(print).toHaveBeenCalledTimes(1);
    // The shell is told the paper: WebKitGTK prints on the dialog's page setup, not on @page.
    expect(print).toHaveBeenCalledWith({ width: 595.28, height: 841.89 });
    const box = document.getElementById("print-sheets")!;
    const sheets = box.querySelectorAll("section.sheet > svg");
    expect(sheets.length).toBe(3);
    expect(Array.from(sheets, (s) => s.textContent)).toEqual(["Trang một", "Trang hai", "Trang ba"]);
    expect((sheets[0] as SVGSVGElement).style.width).toBe("595.28pt");
    // Each sheet a hair inside its paper, so none spills onto a blank sheet.
    expect((sheets[0].parentElement as HTMLElement).style.height).toBe("calc(841.89pt - 4px)");
    expect(box.dataset.pages).toBe("3");
    expect(box.dataset.requests).toBe("1");
    expect(document.getElementById("print-page-size")!.textContent).toBe("@page { size: 595.28pt 841.89pt; margin: 0; }");
    // The pages on screen stay where they were: the sheets are copies.
    expect(pages.every((p) => p.parentNode === null)).toBe(true);

    // Printing again replaces the sheets and counts the request.
    expect(await printPages([page(841.89, 595.28, "Tờ gấp")], print)).toBe(1);
    expect(print).toHaveBeenCalledTimes(2);
    expect(print).toHaveBeenLastCalledWith({ width: 841.89, height: 595.28 });
    expect(box.querySelectorAll("section.sheet").length).toBe(1);
    expect(box.dataset.requests).toBe("2");
    expect(box.dataset.paper).toBe("841.89x595.28");
    expect(document.querySelectorAll("#print-page-size").length).toBe(1);
  });

  it("asks for nothing when there is no page", async () => {
    const print = vi.fn(async () => {});
    expect(await printPages([], print)).toBe(0);
    expect(print).not.toHaveBeenCalled();
  });
});
