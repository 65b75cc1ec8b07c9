import { env } from 'node:process';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server the dev server forwards to; `VUONXA_PORT` matches the server's own setting. */
const apiTarget = `http://localhost:${env['VUONXA_PORT'] ?? '8080'}`;

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Named, stable chunks for what every screen needs, so the bundle benchmark and a browser cache
        // see the same file across releases; Mantine components stay split by the screens using them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'schemas', test: /node_modules[\\/]zod[\\/]|packages[\\/]core[\\/]/ },
          ],
        },
      },
    },
  },
});
