import { defineConfig } from "vitest/config";

// Everything is bundled into ui/dist: the app works offline, no CDN.
export default defineConfig({
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false },
  test: { environment: "node" },
});
