// The few ways the app speaks to the editor: a quiet message (toast) that
// can carry buttons ("Mở tệp", "Mở thư mục"), and a question with two
// answers. Our own <dialog>s: WebKit's window.confirm is not available in
// the app's window, and ours use the app's words and look.

export interface Action {
  label: string;
  run: () => void | Promise<void>;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a message at the bottom right; errors stay longer. Buttons keep it open until used or closed. */
export function toast(text: string, kind: "ok" | "error" = "ok", actions: Action[] = []) {
  const t = document.getElementById("toast")!;
  t.replaceChildren();
  const span = document.createElement("span");
  span.className = "toast-text";
  span.textContent = text;
  t.append(span);
  if (actions.length) {
    const row = document.createElement("span");
    row.className = "toast-actions";
    for (const a of actions) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = a.label;
      b.addEventListener("click", () => void a.run());
      row.append(b);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Đóng";
    close.addEventListener("click", () => (t.hidden = true));
    row.append(close);
    t.append(row);
  }
  t.className = "toast " + kind;
  t.hidden = false;
  raiseToast();
  clearTimeout(toastTimer);
  const ms = actions.length ? 30_000 : kind === "error" ? 9000 : 6000;
  toastTimer = setTimeout(() => (t.hidden = true), ms);
}

/**
 * The dialogs open now, the newest last, after `changed` opened or closed
 * (in that order). The order they opened in is the top layer's order, not
 * the page's: a question asked over Cài đặt is above it though it comes
 * first in the page.
 */
export function openOrder(open: readonly Element[], changed: readonly Element[]): Element[] {
  let out = open.filter((d) => d.isConnected && d.hasAttribute("open"));
  for (const d of changed) {
    out = out.filter((x) => x !== d);
    if (d.isConnected && d.hasAttribute("open")) out.push(d);
  }
  return out;
}

/** A dialog opened with showModal(): in the top layer, everything outside it inert. */
function isModal(d: Element): boolean {
  try {
    return d.matches(":modal");
  } catch {
    return d.hasAttribute("open");
  }
}

let dialogsOpen: Element[] = [];

/**
 * Puts the message above whatever is open: the composer, Xem trang in, any
 * dialog. It goes into the top layer (a manual popover, shown again so it is
 * the newest there), inside the newest modal dialog when one is open:
 * everything outside a modal dialog is inert, and Mở tệp must stay clickable.
 * Called when a message is shown and whenever a dialog opens or closes.
 */
export function raiseToast() {
  const t = document.getElementById("toast");
  if (!t || t.hidden) return;
  const host = dialogsOpen.filter(isModal).at(-1) ?? document.getElementById("app") ?? document.body;
  // Moving a shown popover hides it; it is shown again just below.
  if (t.parentElement !== host) host.append(t);
  if (typeof t.showPopover !== "function") return;
  if (t.matches(":popover-open")) t.hidePopover();
  t.showPopover();
}

/** Keeps the message on top as dialogs open and close, and out of the top layer once hidden. */
export function wireToast() {
  const t = document.getElementById("toast")!;
  t.setAttribute("popover", "manual");
  dialogsOpen = Array.from(document.querySelectorAll("dialog[open]"));
  new MutationObserver((records) => {
    const dialogs = records.map((r) => r.target).filter((n): n is Element => n instanceof Element && n.localName === "dialog");
    if (!dialogs.length) return;
    dialogsOpen = openOrder(dialogsOpen, dialogs);
    raiseToast();
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["open"] });
  new MutationObserver(() => {
    if (t.hidden && typeof t.hidePopover === "function" && t.matches(":popover-open")) t.hidePopover();
  }).observe(t, { attributes: true, attributeFilter: ["hidden"] });
}

/** Asks a yes/no question; resolves true only for `yes`. Escape, Enter or Hủy is no. */
export function ask(question: string, yes: string, no = "Hủy"): Promise<boolean> {
  const d = document.getElementById("ask") as HTMLDialogElement;
  document.getElementById("ask-text")!.textContent = question;
  const yesButton = document.getElementById("ask-yes") as HTMLButtonElement;
  yesButton.textContent = yes;
  document.getElementById("ask-no")!.textContent = no;
  d.returnValue = "";
  d.showModal();
  // The safe answer has the focus: Enter does not delete anything.
  (document.getElementById("ask-no") as HTMLButtonElement).focus();
  return new Promise((resolve) => d.addEventListener("close", () => resolve(d.returnValue === "yes"), { once: true }));
}

export interface AskField {
  label: string;
  value: string;
  type?: "text" | "number";
}

/**
 * Asks for a few values in one small dialog (rows and columns of a table, a
 * link's address); resolves with them in order, or null for Hủy / Escape.
 */
export function askFields(title: string, fields: AskField[]): Promise<string[] | null> {
  const d = document.getElementById("ask-fields") as HTMLDialogElement;
  document.getElementById("ask-fields-title")!.textContent = title;
  const box = document.getElementById("ask-fields-list")!;
  const inputs = fields.map((f) => {
    const label = document.createElement("label");
    label.textContent = f.label;
    const input = document.createElement("input");
    input.type = f.type ?? "text";
    if (f.type === "number") Object.assign(input, { min: "1", max: "50", inputMode: "numeric" });
    input.value = f.value;
    // Enter means Đồng ý (the form's first button is Hủy).
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        d.close("ok");
      }
    });
    label.append(input);
    return { label, input };
  });
  box.replaceChildren(...inputs.map((i) => i.label));
  d.returnValue = "";
  d.showModal();
  inputs[0]?.input.focus();
  inputs[0]?.input.select();
  return new Promise((resolve) =>
    d.addEventListener("close", () => resolve(d.returnValue === "ok" ? inputs.map((i) => i.input.value) : null), { once: true }),
  );
}
