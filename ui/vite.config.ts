import { defineConfig } from "vitest/config";

// Everything is bundled into ui/dist: the app works offline, no CDN.
export default defineConfig({
  clearScreen: false,
  // One bundle of ~1 MB (ProseMirror, CodeMirror, markdown-it) loads from disk, not the
  // network: splitting it would only add requests.
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false, chunkSizeWarningLimit: 1500 },
  test: { environment: "node" },
});
