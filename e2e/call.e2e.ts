import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

// Issue 5, first slice: a 1:1 peer-to-peer call between two signed-in users through the lobby, both sides decode
// video; someone with no part in the session is refused. Run inside a loopback-only network namespace when root
// (see run.mjs), so ICE can only pick loopback.
const PASSWORD = 'VuonXa-Demo-2026';
const T = 30_000;
let server: RunningServer;
let browser: Browser;
let roomId = '';
const pages: Page[] = [];
let chair: Page;
let nurse: Page;

async function as(identifier: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 800 },
    locale: 'vi-VN',
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(server.url);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: T });
  return page;
}

async function api(page: Page, method: 'GET' | 'POST', url: string, data?: object) {
  const res =
    method === 'GET' ? await page.request.get(`${server.url}${url}`) : await page.request.post(`${server.url}${url}`, { data: data ?? {} });
  const body: unknown = await res.json().catch(() => null);
  assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${JSON.stringify(body)}`);
  return body as Record<string, unknown> & { id: string };
}

/** Frames decoded from every remote peer, read from getStats() (no sleeps: the caller polls). */
async function framesDecoded(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __vxPeers?: Map<string, RTCPeerConnection> }).__vxPeers;
    if (!peers) return [];
    const out: number[] = [];
    for (const pc of peers.values()) {
      let frames = 0;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
      });
      out.push(frames);
    }
    return out;
  });
}
async function audioPackets(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __vxPeers?: Map<string, RTCPeerConnection> }).__vxPeers;
    let n = 0;
    for (const pc of peers?.values() ?? []) {
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') n += r.packetsReceived ?? 0;
      });
    }
    return n;
  });
}

async function untilDecoding(page: Page, peers: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const f = await framesDecoded(page);
    if (f.length >= peers && f.every((n) => n > 10)) return f;
    if (Date.now() > deadline) throw new Error(`frames decoded: ${JSON.stringify(f)}`);
    await page.waitForTimeout(250);
  }
}

before(async () => {
  server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined } : await startServer();
  browser = await launchBrowser();
  // A session at Bạch Mai for a request from Y Tý: the chair hosts, the commune station is invited as a site.
  const nurse = await as('yta.yty@vuonxa.vn');
  const coord = await as('dieuphoi.bachmai@vuonxa.vn');
  const patients = (await api(nurse, 'GET', '/api/patients?q=sung')) as unknown as { id: string }[];
  const me = await api(nurse, 'GET', '/api/me');
  const facilityId = (me as unknown as { activeFacilityId: string }).activeFacilityId;
  const hubs = (await api(nurse, 'GET', `/api/facilities/${facilityId}/hubs?specialty=cardiology`)) as unknown as {
    facility: { id: string; name: string };
  }[];
  const hub = hubs.map((x) => x.facility).find((f) => f.name.includes('Bạch Mai'))!;
  const c = await api(nurse, 'POST', '/api/consults', {
    facilityId,
    type: 'remote_consultation',
    urgency: 'urgent',
    specialty: 'cardiology',
    targetHubId: hub.id,
    patientId: patients[0]!.id,
    clinical: { history: 'Đau đầu, chóng mặt.' },
    question: 'Xin hội chẩn trực tuyến về hướng điều trị.',
    diagnoses: [{ code: 'I10' }],
  });
  await api(nurse, 'POST', `/api/consults/${c.id}/transitions`, { action: 'submit' });
  await api(coord, 'POST', `/api/consults/${c.id}/transitions`, { action: 'start_triage' });
  const specialists = (await api(coord, 'GET', `/api/facilities/${hub.id}/specialists`)) as unknown as { id: string; name: string }[];
  const minh = specialists.find((s) => s.name.includes('Minh'))!.id;
  const ha = specialists.find((s) => s.name.includes('Thu Hà'))!.id;
  await api(coord, 'POST', `/api/consults/${c.id}/transitions`, { action: 'accept', specialistIds: [minh] });
  const s = await api(coord, 'POST', '/api/sessions', {
    hubFacilityId: hub.id,
    title: 'Hội chẩn trực tuyến Y Tý – Bạch Mai',
    startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    chairUserId: minh,
    secretaryUserId: ha,
    consultIds: [c.id],
  });
  roomId = s.roomId as string;
});
after(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await server?.stop();
});

void describe('live room, peer to peer', () => {
  void it('the chair admits the commune clinician from the lobby and both decode video', async () => {
    chair = await as('bs.minh@vuonxa.vn');
    await chair.goto(`${server.url}/rooms/${roomId}`);
    await chair.getByTestId('room-prejoin').waitFor({ timeout: T });
    await chair.getByTestId('room-join').click();
    await chair.getByTestId('room-call').waitFor({ timeout: T });

    nurse = await as('yta.yty@vuonxa.vn');
    await nurse.goto(`${server.url}/rooms/${roomId}`);
    await nurse.getByTestId('room-join').click();
    await nurse.getByTestId('room-lobby').waitFor({ timeout: T });
    // Waiting in the lobby: no media flows yet.
    assert.deepEqual(await framesDecoded(nurse), []);

    const admit = chair.locator('[data-testid^="room-admit-"]').first();
    await admit.click({ timeout: T });
    await nurse.getByTestId('room-call').waitFor({ timeout: T });
    const [a, b] = await Promise.all([untilDecoding(chair, 1), untilDecoding(nurse, 1)]);
    assert.ok(a[0]! > 10 && b[0]! > 10);
    assert.equal(await nurse.locator('[data-testid="room-tile"][data-self="false"]').count(), 1);
  });

  void it('chat reaches the chair, audio-only mode keeps the audio flowing, and the chair removes the clinician', async () => {
    await nurse.getByTestId('room-chat-toggle').click();
    await nurse.getByTestId('room-chat-input').fill('Trạm Y Tý đã vào phòng, tín hiệu yếu.');
    await nurse.getByTestId('room-chat-send').click();
    await chair.getByTestId('room-chat-toggle').click();
    await chair.getByTestId('room-chat-message').filter({ hasText: 'tín hiệu yếu' }).waitFor({ timeout: T });

    // The commune station drops to audio only: the chair sees it and keeps receiving audio packets.
    await nurse.getByTestId('room-mode').selectOption('audio');
    await chair.locator('[data-testid="room-tile"][data-self="false"][data-mode="audio"]').waitFor({ timeout: T });
    const before = await audioPackets(chair);
    const deadline = Date.now() + 30_000;
    let after = before;
    while (after < before + 50 && Date.now() < deadline) {
      await chair.waitForTimeout(250);
      after = await audioPackets(chair);
    }
    assert.ok(after >= before + 50, `audio packets ${before} → ${after}`);

    const remove = chair.locator('[data-testid^="room-remove-"]').first();
    await remove.click({ timeout: T });
    const confirm = chair.getByTestId('room-remove-confirm');
    if (await confirm.count()) await confirm.click();
    await nurse.getByTestId('room-removed').waitFor({ timeout: T });
  });

  void it('refuses someone with no part in the session', async () => {
    const stranger = await as('hocvien@vuonxa.vn');
    await stranger.goto(`${server.url}/rooms/${roomId}`);
    await stranger.getByTestId('room-join').click();
    await stranger.locator('[data-testid="room-error"][data-code="FORBIDDEN"]').waitFor({ timeout: T });
    assert.deepEqual(await framesDecoded(stranger), []);
  });
});
