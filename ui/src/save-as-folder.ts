// The folder "Lưu thành…" used last (an article's file or an issue's PDF),
// remembered on this computer — the webview's storage, not the library,
// which an office may share — so the next save dialog opens there.

const LAST_FOLDER = "bantin.luu-thanh.thu-muc";

/** The folder a saved file is in, on Windows and elsewhere. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (cut < 0) return "";
  return cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}

/** Where the last file was saved, if this computer remembers. */
export function lastFolder(): string | null {
  try {
    return localStorage.getItem(LAST_FOLDER) || null;
  } catch {
    return null;
  }
}

/** Remembers the folder of a file just saved. */
export function rememberFolder(path: string) {
  try {
    const folder = folderOf(path);
    if (folder) localStorage.setItem(LAST_FOLDER, folder);
  } catch {
    // No storage: the dialog opens in the Bản Tin folder next time.
  }
}
