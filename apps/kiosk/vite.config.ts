import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served by the same server at /borne/; in dev, Vite forwards /trpc (and the photo route and the favicon) to it.
export default defineConfig({
  base: "/borne/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: Object.fromEntries(["/trpc", "/api", "/favicon.svg"].map((path) => [path, `http://localhost:${process.env.GUICHET_API_PORT ?? 3000}`])),
  },
});
