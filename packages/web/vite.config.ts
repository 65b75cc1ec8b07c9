import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from 'node:process';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a Brotli and a gzip copy beside every text file of the build (≥ 1 KB); the server sends the one the
 * browser accepts. On a 3G or satellite link the JavaScript crosses in a quarter of the bytes.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'vuonxa-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> => {
        const out: string[] = [];
        for (const d of await readdir(dir, { withFileTypes: true })) {
          const full = path.join(dir, d.name);
          if (d.isDirectory()) out.push(...(await walk(full)));
          else out.push(full);
        }
        return out;
      };
      for (const file of await walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|webmanifest)$/.test(file) || (await stat(file)).size < 1024) continue;
        const bytes = await readFile(file);
        await writeFile(`${file}.br`, await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        await writeFile(`${file}.gz`, await gz(bytes, { level: 9 }));
      }
    },
  };
}

/** The API server the dev server forwards to; `VUONXA_PORT` matches the server's own setting. */
const apiTarget = `http://localhost:${env['VUONXA_PORT'] ?? '8080'}`;

export default defineConfig({
  plugins: [react(), precompress()],
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
