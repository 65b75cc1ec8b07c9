import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { api, audioPackets, framesDecoded, scheduleSession, signedIn, T, untilAudioGrows, untilDecoding } from './rooms.js';

// Issue 5: a session of four sites through a real Janus (started by run.mjs inside the loopback-only namespace):
// every participant decodes the others' video, the commune station is admitted from the lobby, switches to
// sound-only and keeps its sound (the AudioBridge mix, one stream), and the chair removes it.
const janusUrl = process.env.E2E_JANUS_URL;
let server: RunningServer;
let browser: Browser;
let roomId = '';
let sessionId = '';
let consultId = '';
const pages: Page[] = [];
const as = (identifier: string) => signedIn(browser, server.url, identifier, pages);

async function enter(page: Page, expect: 'room-call' | 'room-lobby') {
  await page.goto(`${server.url}/rooms/${roomId}`);
  await page.getByTestId('room-prejoin').waitFor({ timeout: T });
  await page.getByTestId('room-join').click();
  await page.getByTestId(expect).waitFor({ timeout: T });
}

/** The incoming videos of the subscribe link: width of the last frame and bytes so far, per stream. */
async function videoIn(page: Page): Promise<{ width: number; bytes: number; at: number }[]> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __vxPeers?: Map<string, RTCPeerConnection> }).__vxPeers?.get('sfu:subscribe');
    const out: { width: number; bytes: number; at: number }[] = [];
    (await pc?.getStats())?.forEach(
      (r: {
        type: string;
        kind?: string;
        frameWidth?: number;
        bytesReceived?: number;
        headerBytesReceived?: number;
        timestamp: number;
      }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video' && (r.bytesReceived ?? 0) > 0)
          out.push({ width: r.frameWidth ?? 0, bytes: (r.bytesReceived ?? 0) + (r.headerBytesReceived ?? 0), at: r.timestamp });
      },
    );
    return out;
  });
}

/** Incoming bits per second of the sound link over a few seconds (bytes from getStats, not a timing assertion). */
async function soundKbps(page: Page, seconds = 5): Promise<number> {
  const read = () =>
    page.evaluate(async () => {
      const pc = (window as unknown as { __vxPeers?: Map<string, RTCPeerConnection> }).__vxPeers?.get('sfu:audio');
      let bytes = 0;
      let at = 0;
      (await pc?.getStats())?.forEach(
        (r: { type: string; kind?: string; bytesReceived?: number; headerBytesReceived?: number; timestamp: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') {
            bytes = (r.bytesReceived ?? 0) + (r.headerBytesReceived ?? 0);
            at = r.timestamp;
          }
        },
      );
      return { bytes, at };
    });
  const a = await read();
  await page.waitForTimeout(seconds * 1000);
  const b = await read();
  return ((b.bytes - a.bytes) * 8) / (b.at - a.at);
}

void describe('live room through Janus (four sites)', { skip: janusUrl ? false : 'no Janus in this run (E2E_JANUS_URL)' }, () => {
  let chair: Page;
  let secretary: Page;
  let coordinator: Page;
  let nurse: Page;

  before(async () => {
    server = await startServer({ env: { JANUS_URL: janusUrl! } });
    browser = await launchBrowser();
    ({ roomId, sessionId, consultId } = await scheduleSession(server.url, as));
  });
  after(async () => {
    for (const p of pages) await p.context().close();
    await browser?.close();
    await server?.stop();
  });

  void it('admits the commune station from the lobby and every site decodes the three others', async () => {
    chair = await as('bs.minh@vuonxa.vn');
    secretary = await as('bs.ha@vuonxa.vn');
    coordinator = await as('dieuphoi.bachmai@vuonxa.vn');
    for (const p of [chair, secretary, coordinator]) await enter(p, 'room-call');
    assert.equal(await chair.evaluate(() => (window as unknown as { __vxRoom?: { media: string | null } }).__vxRoom?.media), 'sfu');

    nurse = await as('yta.yty@vuonxa.vn');
    await enter(nurse, 'room-lobby');
    // Waiting in the lobby: no media link at all.
    assert.deepEqual(await framesDecoded(nurse), []);
    await chair.locator('[data-testid^="room-admit-"]').first().click({ timeout: T });
    await nurse.getByTestId('room-call').waitFor({ timeout: T });

    const decoded = await Promise.all([chair, secretary, coordinator, nurse].map((p) => untilDecoding(p, 3, 90_000)));
    for (const f of decoded) assert.ok(f.filter((n) => n > 10).length >= 3, JSON.stringify(f));
    await untilAudioGrows(chair);
  });

  void it('surgery support: a site streams its procedure camera and the chair draws on it for everyone', async () => {
    await coordinator.getByTestId('room-procedure-toggle').click();
    const tile = chair.locator('[data-testid="room-tile"][data-procedure="true"]');
    await tile.waitFor({ timeout: T });
    const target = (await tile.getAttribute('data-participant-id'))!;
    await chair.getByTestId('annotation-draw-toggle').click({ timeout: T });
    const canvas = chair.locator(`[data-testid="annotation-canvas"][data-target="${target}"]`);
    const box = (await canvas.boundingBox())!;
    await chair.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await chair.mouse.down();
    for (let i = 1; i <= 10; i++) await chair.mouse.move(box.x + box.width * (0.3 + i * 0.03), box.y + box.height * (0.3 + i * 0.02));
    await chair.mouse.up();
    // The stroke appears on everyone's view of that stream, the streaming site's own preview included.
    for (const p of [chair, secretary, nurse, coordinator])
      await p.locator(`[data-testid="annotation-canvas"][data-target="${target}"][data-strokes="1"]`).first().waitFor({ timeout: T });
  });

  void it('records only after everyone accepted and the patient consented; the recording is filed with the session', async () => {
    const nursePage = nurse;
    await api(server.url, nursePage, 'POST', `/api/sessions/${sessionId}/agenda/${consultId}/recording-consent`, { method: 'written' });
    await chair.getByTestId('room-record-ask').click();
    for (const p of [chair, secretary, coordinator, nurse]) await p.getByTestId('room-recording-accept').click({ timeout: T });
    const start = chair.getByTestId('room-record-start');
    await chair.waitForFunction(() => !document.querySelector('[data-testid="room-record-start"]')?.hasAttribute('disabled'), null, {
      timeout: T,
    });
    await start.click();
    for (const p of [chair, secretary, coordinator, nurse]) await p.getByTestId('room-recording-on').waitFor({ timeout: T });
    // A few seconds of the session on record (media keeps flowing meanwhile).
    await untilAudioGrows(chair, 150);
    await chair.getByTestId('room-record-stop').click();
    await chair.getByTestId('room-recording-on').waitFor({ state: 'detached', timeout: T });
    const deadline = Date.now() + 60_000;
    let files: { kind: string; bytes: number; contentType: string }[] = [];
    while (Date.now() < deadline) {
      const list = (await api(server.url, secretary, 'GET', `/api/sessions/${sessionId}/recordings`)) as unknown as {
        items: { files: typeof files }[];
      };
      files = list.items[0]?.files ?? [];
      if (files.some((f) => f.kind === 'audio') && files.filter((f) => f.kind === 'video').length >= 3) break;
      await chair.waitForTimeout(500);
    }
    assert.ok(
      files.some((f) => f.kind === 'audio' && f.bytes > 10_000),
      JSON.stringify(files),
    );
    assert.ok(
      files.filter((f) => f.kind === 'video' && f.contentType === 'video/webm' && f.bytes > 1_000).length >= 3,
      JSON.stringify(files),
    );
  });

  void it('in low mode the station receives the small layer of two sites only', async () => {
    await nurse.getByTestId('room-mode').selectOption('low');
    // Simulcast through Janus: at most two sites (the procedure camera and a host first), each the small layer.
    const deadline = Date.now() + 60_000;
    let streams = await videoIn(nurse);
    while (Date.now() < deadline) {
      streams = await videoIn(nurse);
      if (streams.length > 0 && streams.length <= 2 && streams.every((x) => x.width > 0 && x.width <= 320)) break;
      await nurse.waitForTimeout(500);
    }
    assert.ok(streams.length > 0 && streams.length <= 2 && streams.every((x) => x.width > 0 && x.width <= 320), JSON.stringify(streams));
    await nurse.waitForTimeout(3_000);
    const a = await videoIn(nurse);
    await nurse.waitForTimeout(5_000);
    const b = await videoIn(nurse);
    const kbps = b.reduce((sum, x, i) => sum + ((x.bytes - (a[i]?.bytes ?? x.bytes)) * 8) / (x.at - (a[i]?.at ?? x.at) || 1), 0);
    process.stdout.write(
      `low mode: the station receives ${b.length} videos (widths ${b.map((x) => x.width).join(', ')}), ${kbps.toFixed(0)} kbps in all\n`,
    );
  });

  void it('the station goes sound-only and keeps its sound (one mixed stream), then the chair removes it', async () => {
    await nurse.getByTestId('room-mode').selectOption('audio');
    await chair.locator('[data-testid="room-tile"][data-self="false"][data-mode="audio"]').waitFor({ timeout: T });
    // Its video links are gone; the bridge keeps the sound flowing both ways.
    const deadline = Date.now() + T;
    while ((await framesDecoded(nurse)).length > 0 && Date.now() < deadline) await nurse.waitForTimeout(250);
    assert.deepEqual(await framesDecoded(nurse), []);
    await untilAudioGrows(nurse);
    await untilAudioGrows(chair);
    const kbps = await soundKbps(nurse);
    // Reported in the run log (the bench measures it properly).
    process.stdout.write(`sound-only: the station receives ${kbps.toFixed(1)} kbps (one AudioBridge mix, headers included)\n`);
    assert.ok(kbps > 5 && kbps < 64, `sound-only mix at ${kbps} kbps`);

    await chair
      .getByTestId('room-admitted-entry')
      .filter({ hasText: 'Giàng Thị Súa' })
      .locator('[data-testid^="room-remove-"]')
      .click({ timeout: T });
    const confirm = chair.getByTestId('room-remove-confirm');
    if (await confirm.count()) await confirm.click();
    await nurse.getByTestId('room-removed').waitFor({ timeout: T });
    assert.equal(await audioPackets(nurse), 0);
    // The three hub sites carry on.
    await untilDecoding(chair, 2);
  });
});
