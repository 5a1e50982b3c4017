import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist, which the API serves at `/` (src/http/web-app.routes.ts). In development,
// `npx vite web` proxies the API's paths to a running `npm run dev`.
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/auth', '/health', '/docs', '/openapi.json'].map((p) => [p, api]),
    ),
  },
});
