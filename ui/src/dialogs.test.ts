// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openOrder, toast, wireToast } from "./dialogs";

// happy-dom has neither popovers nor the top layer: a popover is "shown"
// here when showPopover was its last call, and the order of the calls is
// the order of the top layer (what was shown last is on top).
let topLayer: string[] = [];
let popoverOpen = false;

beforeEach(() => {
  topLayer = [];
  popoverOpen = false;
  document.body.innerHTML = `<div id="app"><div id="toast" hidden></div>
<dialog id="ask"></dialog><dialog id="settings"></dialog></div>`;
  const proto = HTMLElement.prototype as unknown as Record<string, unknown>;
  proto.showPopover = function (this: HTMLElement) {
    popoverOpen = true;
    topLayer.push(this.id);
  };
  proto.hidePopover = function () {
    popoverOpen = false;
  };
  const matches = Element.prototype.matches;
  vi.spyOn(Element.prototype, "matches").mockImplementation(function (this: Element, selector: string) {
    if (selector === ":popover-open") return this.id === "toast" && popoverOpen;
    if (selector === ":modal") return this.localName === "dialog" && this.hasAttribute("open");
    return matches.call(this, selector);
  });
  const showModal = HTMLDialogElement.prototype.showModal;
  vi.spyOn(HTMLDialogElement.prototype, "showModal").mockImplementation(function (this: HTMLDialogElement) {
    showModal.call(this);
    topLayer.push(this.id);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** MutationObserver's records arrive after the change. */
const settle = () => new Promise((done) => setTimeout(done, 0));
const el = (id: string) => document.getElementById(id)!;
const on = (id: string) => el(id) as HTMLDialogElement;

describe("a message is on top of whatever opens after it", () => {
  it("keeps the order dialogs opened in, not the page's", () => {
    const [a, b, c] = ["a", "b", "c"].map((id) => {
      const d = document.createElement("dialog");
      d.id = id;
      document.body.append(d);
      return d;
    });
    c.setAttribute("open", "");
    a.setAttribute("open", "");
    expect(openOrder([], [c, a]).map((d) => d.id)).toEqual(["c", "a"]);
    // b opens over them; then a closes.
    b.setAttribute("open", "");
    a.removeAttribute("open");
    expect(openOrder([c, a], [b, a]).map((d) => d.id)).toEqual(["c", "b"]);
    // A dialog closed since, though no record said so, is not counted.
    c.removeAttribute("open");
    expect(openOrder([c, b], []).map((d) => d.id)).toEqual(["b"]);
  });

  it("goes into the newest modal dialog and back to the top of the top layer, and out again as they close", async () => {
    wireToast();
    toast("Đã xuất: /tmp/ban-tin.pdf (4 trang).", "ok", [{ label: "Mở thư mục", run: () => {} }]);
    expect(el("toast").parentElement!.id).toBe("app");
    expect(topLayer.at(-1)).toBe("toast");

    on("settings").showModal();
    await settle();
    expect(el("toast").parentElement!.id, "inside Cài đặt, so its buttons are not inert").toBe("settings");
    expect(topLayer.at(-1), "shown again after Cài đặt opened: above it").toBe("toast");
    expect(popoverOpen).toBe(true);

    // A question over Cài đặt: earlier in the page, later in the top layer.
    on("ask").showModal();
    await settle();
    expect(el("toast").parentElement!.id).toBe("ask");
    expect(topLayer.at(-1)).toBe("toast");

    on("ask").close();
    await settle();
    expect(el("toast").parentElement!.id).toBe("settings");
    on("settings").close();
    await settle();
    expect(el("toast").parentElement!.id).toBe("app");
    expect(popoverOpen).toBe(true);
    expect(el("toast").textContent).toContain("Mở thư mục");
  });

  it("a hidden message stays out of the top layer when a dialog opens", async () => {
    wireToast();
    on("settings").showModal();
    await settle();
    expect(topLayer).toEqual(["settings"]);
    expect(el("toast").parentElement!.id).toBe("app");
  });
});
