// Text pasted from an old document set in a TCVN3 (".VnTime", ".VnTimeH")
// or VNI ("VNI-Times") font arrives as Latin-1 soup ("T¨ng c­êng"); the
// clipboard's HTML names the font. Here we only find which text is set in
// which font; the core converts each run (`convert_legacy_runs`), so the
// conversion tables live in one place.
//
// The HTML is parsed with DOMParser into a detached document, which runs
// nothing and loads nothing.

export interface FontRun {
  font: string;
  text: string;
}

/** Whether pasted HTML may hold old-font text at all (so most pastes cost nothing). */
export function mayHoldLegacy(html: string): boolean {
  return /font-family\s*:[^;>]*(\.vn|vni)|face\s*=\s*["']?(\.vn|vni)/i.test(html);
}

/** Font families given to CSS classes in the HTML's <style> (Word writes `p.MsoNormal {font-family:".VnTime"}`). */
function classFonts(doc: Document): Map<string, string> {
  const fonts = new Map<string, string>();
  const css = Array.from(doc.querySelectorAll("style"), (s) => s.textContent ?? "").join("\n");
  for (const rule of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const font = /font-family\s*:\s*([^;]+)/i.exec(rule[2])?.[1];
    if (!font) continue;
    for (const selector of rule[1].split(",")) {
      const cls = /\.([\w-]+)\s*$/.exec(selector.trim())?.[1];
      if (cls) fonts.set(cls, font.trim());
    }
  }
  return fonts;
}

/** The font an element sets itself: inline style, `<font face>`, or its class. */
function ownFont(e: Element, classes: Map<string, string>): string | undefined {
  const inline = /font-family\s*:\s*([^;]+)/i.exec(e.getAttribute("style") ?? "")?.[1];
  if (inline) return inline.trim();
  const face = e.getAttribute("face");
  if (face) return face;
  for (const c of Array.from(e.classList)) {
    const f = classes.get(c);
    if (f) return f;
  }
  return undefined;
}

/** Every text node with the font it is set in (the nearest element that names one). */
export function fontRuns(doc: Document): { node: Text; font: string }[] {
  const classes = classFonts(doc);
  const out: { node: Text; font: string }[] = [];
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (!text.data.trim()) continue;
    let font: string | undefined;
    for (let e = text.parentElement; e && !font; e = e.parentElement) font = ownFont(e, classes);
    if (font) out.push({ node: text, font });
  }
  return out;
}

/** The pasted HTML with old-font text converted to Unicode by `convert` (the core). */
export async function convertLegacyHtml(html: string, convert: (runs: FontRun[]) => Promise<string[]>): Promise<string> {
  if (!mayHoldLegacy(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const runs = fontRuns(doc);
  if (!runs.length) return html;
  const texts = await convert(runs.map((r) => ({ font: r.font, text: r.node.data })));
  runs.forEach((r, i) => (r.node.data = texts[i] ?? r.node.data));
  return doc.documentElement.outerHTML;
}
