import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.js';

let h: Harness;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'vuonxa-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>Vươn Xa</title></html>');
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  await writeFile(path.join(dist, 'assets', 'big-abc123.js'), 'console.log("plain")');
  await writeFile(path.join(dist, 'assets', 'big-abc123.js.gz'), gzipSync('console.log("plain")'));
  await writeFile(path.join(dist, 'assets', 'big-abc123.js.br'), brotliCompressSync('console.log("plain")'));
  h = await createHarness({ env: { WEB_DIST: dist } });
});
afterAll(async () => {
  await h.close();
  await rm(dist, { recursive: true, force: true });
});

describe('web app serving', () => {
  it('serves index.html for the root and for client-side routes, revalidated', async () => {
    for (const url of ['/', '/audit', '/admin/users?q=x']) {
      const res = await h.app.inject(url);
      expect({ url, status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({ url, status: 200, body: '' });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('Vươn Xa');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves fingerprinted assets as immutable, also ones built after start', async () => {
    const res = await h.app.inject('/assets/app-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    await writeFile(path.join(dist, 'assets', 'late-def456.js'), 'console.log(2)');
    expect((await h.app.inject('/assets/late-def456.js')).statusCode).toBe(200);
  });

  it('sends the pre-compressed copy the browser accepts (Brotli, else gzip, else plain)', async () => {
    const br = await h.app.inject({ url: '/assets/big-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log("plain")');
    const gz = await h.app.inject({ url: '/assets/big-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe('console.log("plain")');
    const plain = await h.app.inject({ url: '/assets/big-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log("plain")');
  });

  it('answers a missing asset or an unknown API route with a JSON 404, never index.html', async () => {
    for (const url of ['/assets/missing-000.js', '/api/unknown', '/favicon-missing.png']) {
      const res = await h.app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
