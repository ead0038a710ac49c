import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The server serves dist/ at "/" and the API at "/trpc"; in dev, Vite forwards /trpc to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/trpc": `http://localhost:${process.env.GUICHET_API_PORT ?? 3000}` } },
});
