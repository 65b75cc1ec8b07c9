// B7: the web app's initial JavaScript (gzip) and the time to a usable sign-in page over an emulated 3G link in
// Chromium (1.6 Mbps down, 750 kbps up, 300 ms round trip, cache disabled).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { kb, median, secs } from './report.js';
import type { Scenario, SuiteContext } from './types.js';

const JS_BAR = 250_000;
const USABLE_MS = 3_000;
const LINK = { latency: 300, downloadThroughput: 200_000, uploadThroughput: 93_750 } as const;

// In the page (a string: the bench compiles without the DOM library): the sign-in form's identifier field present, laid
// out, visible and enabled; then the page's clock (ms since navigation start), else false to keep polling.
const USABLE = `(() => {
  const el = document.querySelector('[data-testid="login-identifier"]');
  if (!el || el.disabled) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' ? performance.now() : false;
})()`;

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

interface Asset {
  path: string;
  bytes: number;
  gzip: number;
}

interface BrowserRun {
  /** Navigation start to the form being usable, from the page's own clock. */
  usableMs: number;
  /** The same from Node (goto → the wait returning), for comparison. */
  wallMs: number;
  /** Responses finished before the form was usable, as they crossed the (emulated) wire. */
  requests: { url: string; type: string; encodedBytes: number; status: number }[];
}

function chromiumPath(): string | null {
  return (
    [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c): c is string => !!c && existsSync(c)) ?? null
  );
}

async function build(ctx: SuiteContext): Promise<{ ms: number; ok: boolean; output: string }> {
  const t0 = performance.now();
  const child = spawn('npm', ['run', 'build', '-w', '@vuonxa/web'], { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => out.push(c));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { ms: performance.now() - t0, ok: code === 0, output: out.join('').slice(-2000) };
}

/** The JavaScript index.html makes the browser fetch before anything runs: module scripts and modulepreloads. */
async function initialJs(dist: string): Promise<{ scripts: Asset[]; css: Asset[]; html: Asset }> {
  const htmlBuf = await readFile(path.join(dist, 'index.html'));
  const html = htmlBuf.toString('utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
  const js = [
    ...refs(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g),
    ...refs(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ];
  const css = refs(/<link\b[^>]*rel="stylesheet"[^>]*\bhref="([^"]+)"/g);
  const asset = async (p: string): Promise<Asset> => {
    const b = await readFile(path.join(dist, p.replace(/^\//, '')));
    return { path: p, bytes: b.length, gzip: gz(b) };
  };
  return {
    scripts: await Promise.all([...new Set(js)].map(asset)),
    css: await Promise.all(css.map(asset)),
    html: { path: '/index.html', bytes: htmlBuf.length, gzip: gz(htmlBuf) },
  };
}

async function loadOnce(browser: Browser, url: string): Promise<BrowserRun> {
  const context = await browser.newContext({ viewport: { width: 412, height: 860 }, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
    const sent = new Map<string, { url: string; type: string; status: number }>();
    const done: BrowserRun['requests'] = [];
    cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', status: 0 }));
    cdp.on('Network.responseReceived', (e) => {
      const s = sent.get(e.requestId);
      if (s) s.status = e.response.status;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = sent.get(e.requestId);
      if (s) done.push({ ...s, encodedBytes: e.encodedDataLength });
    });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const handle = await page.waitForFunction(USABLE, undefined, { timeout: 60_000, polling: 10 });
    const usableMs = (await handle.jsonValue()) as number;
    const wallMs = performance.now() - t0;
    return { usableMs, wallMs, requests: [...done] };
  } finally {
    await context.close();
  }
}

let buildResult: { ms: number; ok: boolean; output: string } | null = null;

export const b7: Scenario = {
  id: 'B7',
  title: 'web: initial JavaScript and a usable sign-in page over 3G',
  bar: `initial JavaScript ≤ ${JS_BAR / 1000} KB gzip; sign-in page usable ≤ ${USABLE_MS / 1000} s over 3G (1.6 Mbps, 300 ms RTT) in Chromium`,
  needsServer: true,
  async prepare(ctx) {
    if (ctx.options.skipBuild) return;
    ctx.log('  building the web app (npm run build -w @vuonxa/web)…');
    buildResult = await build(ctx);
    ctx.log(`  ${buildResult.ok ? 'built' : 'BUILD FAILED (measuring the dist already there)'} in ${secs(buildResult.ms)}`);
  },
  async run(ctx) {
    const dist = path.join(ctx.root, 'packages/web/dist');
    if (!existsSync(path.join(dist, 'index.html'))) throw new Error('no packages/web/dist/index.html (build failed?)');
    const builtAt = (await stat(path.join(dist, 'index.html'))).mtime.toISOString();
    const s = await initialJs(dist);
    const jsGzip = s.scripts.reduce((a, x) => a + x.gzip, 0);
    const jsBytes = s.scripts.reduce((a, x) => a + x.bytes, 0);
    ctx.log(`  initial JS (index.html): ${s.scripts.length} files, ${kb(jsBytes)} raw, ${kb(jsGzip)} gzip -9`);

    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium not found (apt-get install -y chromium)');
    const app = await ctx.server();
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const chromiumVersion = browser.version();
    const runs: BrowserRun[] = [];
    try {
      for (let i = 1; i <= ctx.options.runs; i++) {
        const r = await loadOnce(browser, `${app.url}/login`);
        runs.push(r);
        const js = r.requests.filter((q) => q.type === 'Script');
        ctx.log(
          `    run ${i}: usable at ${secs(r.usableMs)} (Node clock ${secs(r.wallMs)}); ${r.requests.length} responses, ` +
            `${kb(r.requests.reduce((a, q) => a + q.encodedBytes, 0))} on the wire, of which ${js.length} scripts ${kb(js.reduce((a, q) => a + q.encodedBytes, 0))}`,
        );
      }
    } finally {
      await browser.close().catch(() => undefined);
    }

    // What the page actually fetched as script before it was usable (lazy chunks of the sign-in route included).
    const first = runs[0]!;
    const fetchedJs = [...new Set(first.requests.filter((q) => q.type === 'Script').map((q) => new URL(q.url).pathname))];
    const extra = fetchedJs.filter((p) => !s.scripts.some((x) => x.path === p));
    const extraAssets = await Promise.all(
      extra.map(async (p) => {
        const b = await readFile(path.join(dist, p.replace(/^\//, ''))).catch(() => null);
        return { path: p, bytes: b?.length ?? 0, gzip: b ? gz(b) : 0 };
      }),
    );
    const measuredJs = jsGzip + extraAssets.reduce((a, x) => a + x.gzip, 0);
    const usable = median(runs.map((r) => r.usableMs));
    const wire = median(runs.map((r) => r.requests.reduce((a, q) => a + q.encodedBytes, 0)));
    const wireJs = median(runs.map((r) => r.requests.filter((q) => q.type === 'Script').reduce((a, q) => a + q.encodedBytes, 0)));
    const compressed = wireJs < jsBytes * 0.8;
    // The same responses had the server gzipped its static files (level 9), for the "why".
    const gzSize = new Map([...s.scripts, ...s.css, s.html, ...extraAssets].map((a) => [a.path, a.gzip]));
    const wireIfGzip = first.requests.reduce((a, q) => {
      const p = new URL(q.url).pathname;
      return a + (gzSize.get(p === '/login' || p === '/' ? '/index.html' : p) ?? q.encodedBytes);
    }, 0);
    const jsPass = measuredJs <= JS_BAR;
    const usablePass = usable <= USABLE_MS;
    const idealMs = (wire / LINK.downloadThroughput) * 1000;
    return {
      rows: [
        {
          scenario: 'B7',
          measure: `initial JavaScript, gzip -9 (${s.scripts.length + extraAssets.length} files)`,
          measured: kb(measuredJs),
          baseline: '–',
          value: kb(measuredJs),
          bar: `≤ ${JS_BAR / 1000} KB`,
          verdict: jsPass ? 'PASS' : 'MISS',
          ...(jsPass
            ? {}
            : {
                why: `largest: ${[...s.scripts, ...extraAssets]
                  .sort((a, b) => b.gzip - a.gzip)
                  .slice(0, 3)
                  .map((x) => `${path.basename(x.path)} ${kb(x.gzip)}`)
                  .join(', ')}`,
              }),
        },
        {
          scenario: 'B7',
          measure: `sign-in usable over 3G, Chromium (median of ${runs.length})`,
          measured: secs(usable),
          baseline: '–',
          value: secs(usable),
          bar: `≤ ${USABLE_MS / 1000} s`,
          verdict: usablePass ? 'PASS' : 'MISS',
          ...(usablePass
            ? compressed
              ? {}
              : { why: `passes, but the server sends the JavaScript uncompressed (${kb(wireJs)} on the wire for ${kb(jsGzip)} gzip)` }
            : {
                why:
                  `${kb(wire)} crossed the link before the form was usable (${secs(idealMs)} at 1.6 Mbps alone, plus 300 ms a round trip)` +
                  (compressed
                    ? ''
                    : `; the server sends its static files uncompressed (${kb(wireJs)} of JavaScript on the wire for ${kb(jsGzip)} gzip): ` +
                      `gzipped, the same responses would be ~${kb(wireIfGzip)} (${secs((wireIfGzip / LINK.downloadThroughput) * 1000)} at 1.6 Mbps)`),
              }),
        },
      ],
      markdown: [
        (buildResult
          ? `Built with \`npm run build -w @vuonxa/web\` in ${secs(buildResult.ms)}${buildResult.ok ? '' : ' — **the build failed**, the dist already there was measured'}; `
          : 'Not rebuilt (`--skip-build`); ') +
          `\`dist/index.html\` of ${builtAt}. Initial JavaScript: the module script and every \`modulepreload\` of \`index.html\`, ` +
          `each gzipped at level 9 (zlib): ${s.scripts.length} files, ${kb(jsBytes)} raw, ${kb(jsGzip)} gzip` +
          (extraAssets.length
            ? `, plus ${extraAssets.length} scripts the page fetched before the form was usable (${extraAssets.map((x) => `${x.path} ${kb(x.gzip)}`).join(', ')})`
            : '; the page fetched no other script before the form was usable') +
          `. CSS: ${s.css.map((x) => `${kb(x.bytes)} raw, ${kb(x.gzip)} gzip`).join('; ')}. 1 KB = 1000 bytes.`,
        '',
        `Browser: headless Chromium ${chromiumVersion} (Debian, playwright-core), a new context per run, cache disabled, DevTools ` +
          `network emulation of 3G (\`Network.emulateNetworkConditions\`: ${LINK.downloadThroughput} B/s down = 1.6 Mbps, ` +
          `${LINK.uploadThroughput} B/s up = 750 kbps, ${LINK.latency} ms latency), 412×860 viewport, \`vi-VN\`. It opens \`/login\` on the ` +
          'app server and waits for the sign-in form to be usable: `[data-testid="login-identifier"]` present, laid out, visible and not ' +
          "disabled (polled every 10 ms); the time is the page's own `performance.now()` then (from navigation start).",
        '',
        '| run | usable | responses before usable | bytes on the wire | of which script |',
        '|---|--:|--:|--:|--:|',
        ...runs.map(
          (r, i) =>
            `| ${i + 1} | ${secs(r.usableMs)} | ${r.requests.length} | ${kb(r.requests.reduce((a, q) => a + q.encodedBytes, 0))} | ` +
            `${kb(r.requests.filter((q) => q.type === 'Script').reduce((a, q) => a + q.encodedBytes, 0))} |`,
        ),
        '',
        `Responses of run 1 before the form was usable: ${first.requests.map((q) => `${new URL(q.url).pathname} (${q.status}, ${kb(q.encodedBytes)})`).join(', ')}.`,
      ],
      details: {
        build: buildResult,
        builtAt,
        initial: s,
        extraScripts: extraAssets,
        measuredJsGzip: measuredJs,
        chromium: chromiumVersion,
        link: LINK,
        runs,
      },
    };
  },
};
