// The one way the screen's modules find their elements (ids from index.html).
export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
