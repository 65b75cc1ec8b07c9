// `npm run bench:sfu -- [--sites 5,10] [--window 20] [--warmup 5] [--mode-window 10] [--out dir]` (as root):
// 1. Janus's CPU per forwarded stream: N Chromium pages ("sites"), each publishing a 320×180 15 fps camera capped at
//    150 kbps to one VideoRoom and receiving all the others on one multistream subscriber handle (N × (N − 1)
//    forwarded streams); Janus's utime + stime from /proc over a steady window, for 2 sites (the baseline, before and
//    after), then each --sites size, all in the same run; reported as ratios to the baseline.
// 2. The bitrate actually received in the app's modes: a 640×480 camera published with the web app's own encoding
//    for 'normal' and 'low' (Chromium's fake camera, then a busy synthetic clip), and the AudioBridge mix at the
//    server's sound-only (16 kbps) and normal (32 kbps) rates.
// Janus must run in the same loopback-only network namespace with its pid in JANUS_PID: bench/run-sfu.mjs does
// that. Writes results/sfu-<date>.md and .json.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MODE_VIDEO_BITRATE } from '@vuonxa/core';
import { MIX_BITRATE } from '../packages/server/src/media/sfu.js';
import { AUDIO_ONLY_OPUS_BPS, videoEncodingFor } from '../packages/web/src/features/rooms/room-logic.js';
import { numberOption } from './lib/args.js';
import { log, since } from './lib/log.js';
import { CLK_TCK, descendants, machineTicks, processTicks, treeDelta, treeTicks } from './sfu/proc.js';
import { writeSfuReport } from './sfu/report.js';
import { inboundRates, median, outboundRates, sum, type PageStats } from './sfu/rtp.js';
import type { AudioRun, ModeRun, SfuReport, SitesRun, Spread } from './sfu/types.js';
import { writeBusyClip } from './sfu/y4m.js';

const { values } = parseArgs({
  options: {
    sites: { type: 'string' },
    window: { type: 'string' },
    warmup: { type: 'string' },
    'mode-window': { type: 'string' },
    out: { type: 'string' },
  },
});
const SIZES = (values.sites ?? '5,10').split(',').map((s) => Math.floor(numberOption(s.trim(), 'sites', 10)));
const BASELINE_SITES = 2;
const WINDOW_S = Math.floor(numberOption(values.window, 'window', 20));
const WARMUP_S = Math.floor(numberOption(values.warmup, 'warmup', 5));
const MODE_WINDOW_S = Math.floor(numberOption(values['mode-window'], 'mode-window', 10));
const IDLE_S = 10;
const outDir = values.out ?? path.join(import.meta.dirname, 'results');

/** A site of the CPU scenario: low-resolution camera, capped as the brief of the issue says. */
const SITE = { width: 320, height: 180, fps: 15, maxBitrate: 150_000 };
/** The camera of the mode scenario (the app asks for up to 1280×720; the bench uses 640×480). */
const MODE_CAMERA = { width: 640, height: 480, fps: 30 };
/** The VideoRoom as the server creates it (packages/server/src/media/sfu.ts), with room for 20 publishers. */
const videoRoom = (room: number, description: string) => ({
  room,
  description,
  publishers: 20,
  bitrate: 2_500_000,
  bitrate_cap: false,
  fir_freq: 10,
  videocodec: 'vp8',
  notify_joining: false,
});
const AUDIO_SAMPLING_RATE = 16_000;
const JANUS_PORT = 8188;

const janusPid = Number(process.env.JANUS_PID);
if (!Number.isInteger(janusPid) || janusPid <= 0 || processTicks(janusPid) === null) {
  log('bench/sfu.ts measures a running Janus: start it with `npm run bench:sfu` (bench/run-sfu.mjs sets JANUS_PID).');
  process.exit(2);
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`Janus does not listen on 127.0.0.1:${port}`);
    await sleep(200);
  }
}

const pageScript = readFileSync(path.join(import.meta.dirname, 'sfu', 'page.mjs'), 'utf8');
const server = http.createServer((req, res) => {
  if (req.url === '/page.mjs') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(pageScript);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><meta charset="utf-8"><title>sfu bench</title><script type="module" src="/page.mjs"></script>');
});

/** Calls `window.vx[method](...args)` in the page and waits for its promise. */
function vx<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate<T>(`window.vx.${method}(...${JSON.stringify(args)})`);
}

async function openSite(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  [${name}] ${e.message}`));
  await page.goto(url);
  await page.waitForFunction('window.vxReady === true', null, { timeout: 15_000 });
  return page;
}

async function closeSite(page: Page): Promise<void> {
  await vx(page, 'close').catch(() => undefined);
  await page.context().close();
}

const stats = (pages: Page[]) => Promise.all(pages.map((p) => vx<PageStats>(p, 'stats')));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const spread = (xs: number[], d = 1): Spread =>
  xs.length
    ? { min: round(Math.min(...xs), d), median: round(median(xs), d), max: round(Math.max(...xs), d) }
    : { min: 0, median: 0, max: 0 };

/** Janus's CPU (% of one core) over `seconds` of a quiet machine, as the intercept of the per-stream cost. */
async function idleJanus(seconds: number): Promise<number> {
  const j0 = processTicks(janusPid)!;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const j1 = processTicks(janusPid)!;
  return ((j1 - j0) / CLK_TCK / ((performance.now() - t0) / 1000)) * 100;
}

/** Polls until every page decodes more than 10 frames of each of its `expected` inbound video streams. */
async function waitFlowing(pages: Page[], expected: number, timeoutMs: number): Promise<{ ok: boolean; ms: number; streams: number }> {
  const t0 = performance.now();
  let streams = 0;
  for (;;) {
    const all = await stats(pages);
    streams = sum(all.map((s) => (s.links.subscribe?.inbound ?? []).filter((x) => x.kind === 'video' && x.framesDecoded > 10).length));
    if (streams >= expected * pages.length) return { ok: true, ms: Math.round(performance.now() - t0), streams };
    if (performance.now() - t0 > timeoutMs) return { ok: false, ms: Math.round(performance.now() - t0), streams };
    await sleep(1000);
  }
}

let idlePct = 0;

async function sitesRun(browser: Browser, url: string, n: number, room: number, label: string): Promise<SitesRun> {
  const run: SitesRun = { label, sites: n, published: n, forwarded: n * (n - 1) };
  const pages: Page[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) pages.push(await openSite(browser, url, `site ${i + 1}`));
    await vx(pages[0]!, 'createRoom', 'janus.plugin.videoroom', videoRoom(room, `bench ${n} sites`));
    const feeds: number[] = [];
    for (const [i, page] of pages.entries()) {
      const r = await vx<{ feed: number }>(page, 'publish', {
        room,
        display: `site ${i + 1}`,
        width: SITE.width,
        height: SITE.height,
        fps: SITE.fps,
        encoding: { maxBitrate: SITE.maxBitrate, maxFramerate: SITE.fps },
      });
      feeds.push(r.feed);
    }
    await Promise.all(pages.map((page, i) => vx(page, 'subscribe', { room, feeds: feeds.filter((_, j) => j !== i) })));
    run.setupMs = Math.round(performance.now() - t0);
    run.flowing = await waitFlowing(pages, n - 1, 30_000 + 6_000 * n);
    log(
      `  ${n} sites: set up in ${since(t0)}; ${run.flowing.streams}/${n * (n - 1)} streams past 10 frames ` +
        `${run.flowing.ok ? 'after' : 'NOT ALL after'} ${run.flowing.ms} ms; warm-up ${WARMUP_S} s, window ${WINDOW_S} s`,
    );
    await sleep(WARMUP_S * 1000);

    // The window: Janus's ticks each second, the browser's and the machine's at both ends.
    const browserPids = descendants(process.pid);
    const s0 = await stats(pages);
    const j0 = processTicks(janusPid)!;
    const c0 = treeTicks(browserPids);
    const m0 = machineTicks();
    const w0 = performance.now();
    const perSecond: number[] = [];
    let prevJ = j0;
    let prevT = w0;
    for (let i = 1; i <= WINDOW_S; i++) {
      await sleep(Math.max(0, w0 + i * 1000 - performance.now()));
      const j = processTicks(janusPid)!;
      const t = performance.now();
      perSecond.push(((j - prevJ) / CLK_TCK / ((t - prevT) / 1000)) * 100);
      prevJ = j;
      prevT = t;
    }
    const j1 = processTicks(janusPid)!;
    const c1 = treeTicks(browserPids);
    const m1 = machineTicks();
    const seconds = (performance.now() - w0) / 1000;
    const s1 = await stats(pages);
    run.windowSeconds = round(seconds, 2);

    const inbound = s0.flatMap((a, i) => inboundRates(a, s1[i]!, 'subscribe', 'video'));
    const outbound = s0.flatMap((a, i) => outboundRates(a, s1[i]!, 'publish', 'video'));
    const forwardedPps = sum(inbound.map((x) => x.packetsPerSecond));
    const janusCpuS = (j1 - j0) / CLK_TCK;
    const cpuPct = (janusCpuS / seconds) * 100;
    run.janus = {
      cpuPct: round(cpuPct),
      perSecondPct: spread(perSecond),
      msPerSecPerStream: round((cpuPct * 10) / run.forwarded, 3),
      msPerSecPerStreamNetOfIdle: round(((cpuPct - idlePct) * 10) / run.forwarded, 3),
      usPerForwardedPacket: round(forwardedPps ? (janusCpuS * 1e6) / (forwardedPps * seconds) : 0, 2),
    };
    run.chromiumCpuPct = round((treeDelta(c0, c1) / CLK_TCK / seconds) * 100);
    run.machineBusyPct = round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 * os.cpus().length);
    const ql: Record<string, number> = {};
    for (const s of s1)
      for (const o of s.links.publish?.outbound ?? [])
        ql[o.qualityLimitationReason ?? '?'] = (ql[o.qualityLimitationReason ?? '?'] ?? 0) + 1;
    const res = [...new Set(outbound.map((o) => `${o.frameWidth}×${o.frameHeight}`))].join(', ');
    run.publishers = {
      encodeFps: spread(outbound.map((o) => o.fps)),
      kbps: spread(outbound.map((o) => o.kbps)),
      resolution: res,
      qualityLimitation: ql,
    };
    run.streams = {
      flowing: inbound.filter((x) => x.fps > 0).length,
      expected: run.forwarded,
      decodedFpsTotal: round(sum(inbound.map((x) => x.fps))),
      decodedFpsExpected: round(sum(outbound.map((o) => o.fps)) * (n - 1)),
      fpsPerStream: spread(inbound.map((x) => x.fps)),
      kbpsPerStream: spread(inbound.map((x) => x.kbps)),
      forwardedPacketsPerSecond: round(forwardedPps),
      packetsLost: sum(inbound.map((x) => x.packetsLost)),
      minFramesDecoded: Math.min(...inbound.map((x) => x.frames)),
    };
    const events: Record<string, number> = {};
    for (const s of s1) for (const [k, v] of Object.entries(s.events)) events[k] = (events[k] ?? 0) + v;
    run.events = events;
    log(
      `  ${n} sites: Janus ${run.janus.cpuPct}% of a core (${run.janus.msPerSecPerStream} ms/s per forwarded stream, ` +
        `${run.janus.usPerForwardedPacket} µs/packet); decoded ${run.streams.decodedFpsTotal} fps of ${run.streams.decodedFpsExpected}; ` +
        `Chromium ${run.chromiumCpuPct}%, machine ${run.machineBusyPct}% of ${os.cpus().length * 100}%`,
    );
  } catch (err) {
    run.error = (err as Error).message.split('\n')[0];
    log(`  ${n} sites: FAILED ${run.error}`);
  } finally {
    if (pages[0]) await vx(pages[0], 'destroyRoom', 'janus.plugin.videoroom', room).catch(() => undefined);
    for (const p of pages) await closeSite(p).catch(() => undefined);
    await sleep(3000); // let Janus tear the sessions down before the next run
  }
  return run;
}

async function modesRun(browser: Browser, url: string, source: ModeRun['source'], room: number): Promise<ModeRun[]> {
  const out: ModeRun[] = [];
  const pub = await openSite(browser, url, 'publisher');
  const sub = await openSite(browser, url, 'subscriber');
  try {
    await vx(pub, 'createRoom', 'janus.plugin.videoroom', videoRoom(room, 'bench modes'));
    for (const mode of ['normal', 'low'] as const) {
      const encoding = videoEncodingFor(mode);
      const warmupSeconds = mode === 'normal' ? 2 * MODE_WINDOW_S : MODE_WINDOW_S;
      const run: ModeRun = { source, mode, encoding, warmupSeconds };
      out.push(run);
      try {
        if (mode === 'normal') {
          const { feed } = await vx<{ feed: number }>(pub, 'publish', { room, display: 'camera', ...MODE_CAMERA, encoding });
          await vx(sub, 'subscribe', { room, feeds: [feed] });
          await waitFlowing([sub], 1, 30_000);
        } else {
          // As the app steps down: the same sender, new parameters, no renegotiation.
          await vx(pub, 'setVideoEncoding', encoding);
        }
        await sleep(warmupSeconds * 1000);
        const [a0, b0] = await stats([pub, sub]);
        await sleep(MODE_WINDOW_S * 1000);
        const [a1, b1] = await stats([pub, sub]);
        run.inbound = inboundRates(b0!, b1!, 'subscribe', 'video')[0];
        run.outbound = outboundRates(a0!, a1!, 'publish', 'video')[0];
        const o = a1!.links.publish?.outbound[0];
        run.targetBitrate = o?.targetBitrate ?? null;
        run.qualityLimitationReason = o?.qualityLimitationReason ?? null;
        run.availableOutgoingBitrate = a1!.links.publish?.availableOutgoingBitrate ?? null;
        log(
          `  ${mode} (${source}): received ${round(run.inbound?.kbps ?? 0)} kbps (cap ${encoding.maxBitrate / 1000}), ` +
            `${run.inbound?.frameWidth}×${run.inbound?.frameHeight} at ${round(run.inbound?.fps ?? 0)} fps`,
        );
      } catch (err) {
        run.error = (err as Error).message.split('\n')[0];
        log(`  ${mode} (${source}): FAILED ${run.error}`);
      }
    }
  } finally {
    await vx(pub, 'destroyRoom', 'janus.plugin.videoroom', room).catch(() => undefined);
    await closeSite(pub).catch(() => undefined);
    await closeSite(sub).catch(() => undefined);
  }
  return out;
}

async function audioRun(browser: Browser, url: string): Promise<{ error?: string; runs: AudioRun[] }> {
  const room = 5000;
  const people: { who: AudioRun['who']; mixBitrate: number; micMaxBitrate: number | null }[] = [
    { who: 'normal', mixBitrate: MIX_BITRATE.normal, micMaxBitrate: null },
    { who: 'sound-only', mixBitrate: MIX_BITRATE.audio, micMaxBitrate: AUDIO_ONLY_OPUS_BPS },
  ];
  const pages: Page[] = [];
  try {
    for (const p of people) pages.push(await openSite(browser, url, p.who));
    await vx(pages[0]!, 'createRoom', 'janus.plugin.audiobridge', {
      room,
      description: 'bench audio',
      sampling_rate: AUDIO_SAMPLING_RATE,
      bitrate: MIX_BITRATE.normal,
    });
    for (const [i, p] of people.entries())
      await vx(pages[i]!, 'joinAudio', { room, display: p.who, bitrate: p.mixBitrate, micMaxBitrate: p.micMaxBitrate });
    await sleep(WARMUP_S * 1000);
    const s0 = await stats(pages);
    await sleep(MODE_WINDOW_S * 1000);
    const s1 = await stats(pages);
    const runs = people.map((p, i) => ({
      ...p,
      inbound: inboundRates(s0[i]!, s1[i]!, 'audio', 'audio')[0],
      outbound: outboundRates(s0[i]!, s1[i]!, 'audio', 'audio')[0],
      srtpCipher: s1[i]!.links.audio?.srtpCipher ?? null,
    }));
    for (const r of runs)
      log(
        `  ${r.who}: mix ${r.mixBitrate / 1000} kbps → received ${round(r.inbound?.kbps ?? 0)} kbps (${round(r.inbound?.wireKbps ?? 0)} on the wire)`,
      );
    return { runs };
  } catch (err) {
    const error = (err as Error).message.split('\n')[0];
    log(`  audio: FAILED ${error}`);
    return { error, runs: [] };
  } finally {
    if (pages[0]) await vx(pages[0], 'destroyRoom', 'janus.plugin.audiobridge', room).catch(() => undefined);
    for (const p of pages) await closeSite(p).catch(() => undefined);
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Ten pages at once: none of them may be treated as a background tab.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

function launch(extra: string[]): Promise<Browser> {
  // A switch given again with a value (`--use-fake-device-for-media-stream=fps=30`) replaces the bare one.
  const args = [...CHROMIUM_ARGS.filter((a) => !extra.some((e) => e.startsWith(`${a}=`))), ...extra];
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args });
}

const wall0 = performance.now();
const loadStart = os.loadavg()[0] ?? 0;
await waitForPort(JANUS_PORT, 15_000);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await launch([]);
let exitCode = 0;
try {
  const probe = await openSite(browser, url, 'probe');
  const info = await vx<{ version: string; plugins: Record<string, string> }>(probe, 'info');
  await closeSite(probe);
  log(`Janus ${info.version} (pid ${janusPid}), Chromium ${browser.version()}, ${os.cpus().length} cores, load ${loadStart.toFixed(1)}`);

  log(`Janus idle for ${IDLE_S} s…`);
  idlePct = await idleJanus(IDLE_S);
  log(`  idle: ${round(idlePct, 2)}% of a core`);

  log(`CPU per forwarded stream (${SITE.width}×${SITE.height}, ${SITE.fps} fps, ${SITE.maxBitrate / 1000} kbps cap per site):`);
  const sizes = [BASELINE_SITES, ...SIZES.filter((s) => s !== BASELINE_SITES), BASELINE_SITES];
  const sites: SitesRun[] = [];
  for (const [i, n] of sizes.entries()) {
    const label = n === BASELINE_SITES ? (i === 0 ? 'baseline (before)' : 'baseline (after)') : `${n} sites`;
    sites.push(await sitesRun(browser, url, n, 1000 + i, label));
  }
  const base = sites.filter((s) => s.sites === BASELINE_SITES && s.janus);
  const baseline = {
    msPerSecPerStream: round(sum(base.map((s) => s.janus!.msPerSecPerStream)) / (base.length || 1), 3),
    usPerForwardedPacket: round(sum(base.map((s) => s.janus!.usPerForwardedPacket)) / (base.length || 1), 2),
    from: base.map((s) => s.label),
  };
  // Least squares of Janus's CPU against the forwarded streams over all the runs: the cost of one more stream.
  const pts = sites.filter((s) => s.janus).map((s) => [s.forwarded, s.janus!.cpuPct] as const);
  const mx = sum(pts.map((p) => p[0])) / (pts.length || 1);
  const my = sum(pts.map((p) => p[1])) / (pts.length || 1);
  const sxx = sum(pts.map((p) => (p[0] - mx) ** 2));
  const slope = sxx > 0 ? sum(pts.map((p) => (p[0] - mx) * (p[1] - my))) / sxx : 0;
  const fit = { msPerSecPerForwardedStream: round(slope * 10, 3), interceptPct: round(my - slope * mx, 2), points: pts.length };

  log(`Bitrate per mode (${MODE_CAMERA.width}×${MODE_CAMERA.height} camera through the VideoRoom):`);
  // Chromium's fake camera at a webcam's 30 fps (its default is 20), then the busy clip: two browsers of their own.
  const modes: ModeRun[] = [];
  const patternBrowser = await launch([`--use-fake-device-for-media-stream=fps=${MODE_CAMERA.fps}`]);
  try {
    modes.push(...(await modesRun(patternBrowser, url, 'pattern', 4000)));
  } finally {
    await patternBrowser.close();
  }
  const clipDir = await mkdtemp(path.join(os.tmpdir(), 'vx-sfu-clip-'));
  try {
    const clip = path.join(clipDir, 'busy.y4m');
    await writeBusyClip(clip, { ...MODE_CAMERA, frames: 3 * MODE_CAMERA.fps });
    const clipBrowser = await launch([`--use-file-for-fake-video-capture=${clip}`]);
    try {
      modes.push(...(await modesRun(clipBrowser, url, 'busy', 4001)));
    } finally {
      await clipBrowser.close();
    }
  } finally {
    await rm(clipDir, { recursive: true, force: true });
  }
  log(`Sound-only: AudioBridge at ${AUDIO_SAMPLING_RATE / 1000} kHz:`);
  const audio = await audioRun(browser, url);

  const report: SfuReport = {
    date: new Date().toISOString(),
    environment: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? '?',
      node: process.versions.node,
      janus: info.version,
      janusPlugins: info.plugins,
      chromium: browser.version(),
      clockTicks: CLK_TCK,
      loadAverage: { start: round(loadStart, 2), end: round(os.loadavg()[0] ?? 0, 2) },
    },
    settings: { windowSeconds: WINDOW_S, warmupSeconds: WARMUP_S, modeWindowSeconds: MODE_WINDOW_S, site: SITE, modeCamera: MODE_CAMERA },
    idle: { seconds: IDLE_S, janusCpuPct: round(idlePct, 2) },
    sites,
    baseline,
    fit,
    modes,
    modeCaps: { ...MODE_VIDEO_BITRATE, mixNormal: MIX_BITRATE.normal, mixSoundOnly: MIX_BITRATE.audio },
    audio: { samplingRate: AUDIO_SAMPLING_RATE, ...audio },
    wallSeconds: Math.round((performance.now() - wall0) / 1000),
  };
  await mkdir(outDir, { recursive: true });
  const { md, files } = await writeSfuReport(report, outDir);
  log('');
  log(md);
  log(`Written: ${files.join(', ')}`);
  if (sites.some((s) => s.error) || modes.some((m) => m.error) || audio.error) exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
