import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';

// What the live-room tests share: signing in a page per person, the API as that person, and reading media from
// getStats() (the tests poll these; they never sleep to wait for media).
export const PASSWORD = 'VuonXa-Demo-2026';
export const T = 30_000;

/** A signed-in page of its own (an isolated browser context: its own cookies, its own fake camera). */
export async function signedIn(browser: Browser, base: string, identifier: string, pages: Page[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 800 },
    locale: 'vi-VN',
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(base);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: T });
  return page;
}

export async function api(base: string, page: Page, method: 'GET' | 'POST', url: string, data?: object) {
  const res = method === 'GET' ? await page.request.get(`${base}${url}`) : await page.request.post(`${base}${url}`, { data: data ?? {} });
  const body: unknown = await res.json().catch(() => null);
  assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${JSON.stringify(body)}`);
  return body as Record<string, unknown> & { id: string };
}

/**
 * A live session at Bạch Mai for a request from the Y Tý commune station (demo data): BS. Minh chairs, BS. Thu Hà
 * is the secretary, the station is invited as a site. Returns the room id.
 */
export async function scheduleSession(
  base: string,
  as: (identifier: string) => Promise<Page>,
): Promise<{ roomId: string; sessionId: string; consultId: string }> {
  const nurse = await as('yta.yty@vuonxa.vn');
  const coord = await as('dieuphoi.bachmai@vuonxa.vn');
  const patients = (await api(base, nurse, 'GET', '/api/patients?q=sung')) as unknown as { id: string }[];
  const me = await api(base, nurse, 'GET', '/api/me');
  const facilityId = (me as unknown as { activeFacilityId: string }).activeFacilityId;
  const hubs = (await api(base, nurse, 'GET', `/api/facilities/${facilityId}/hubs?specialty=cardiology`)) as unknown as {
    facility: { id: string; name: string };
  }[];
  const hub = hubs.map((x) => x.facility).find((f) => f.name.includes('Bạch Mai'))!;
  const c = await api(base, nurse, 'POST', '/api/consults', {
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
  await api(base, nurse, 'POST', `/api/consults/${c.id}/transitions`, { action: 'submit' });
  await api(base, coord, 'POST', `/api/consults/${c.id}/transitions`, { action: 'start_triage' });
  const specialists = (await api(base, coord, 'GET', `/api/facilities/${hub.id}/specialists`)) as unknown as { id: string; name: string }[];
  const minh = specialists.find((s) => s.name.includes('Minh'))!.id;
  const ha = specialists.find((s) => s.name.includes('Thu Hà'))!.id;
  await api(base, coord, 'POST', `/api/consults/${c.id}/transitions`, { action: 'accept', specialistIds: [minh] });
  const s = await api(base, coord, 'POST', '/api/sessions', {
    hubFacilityId: hub.id,
    title: 'Hội chẩn trực tuyến Y Tý – Bạch Mai',
    startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    chairUserId: minh,
    secretaryUserId: ha,
    consultIds: [c.id],
  });
  return { roomId: s.roomId as string, sessionId: s.id, consultId: c.id };
}

/** Frames decoded of every incoming video stream, across all of the page's media connections. */
export async function framesDecoded(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __vxPeers?: Map<string, RTCPeerConnection> }).__vxPeers;
    const out: number[] = [];
    for (const pc of peers?.values() ?? []) {
      (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') out.push(r.framesDecoded ?? 0);
      });
    }
    return out;
  });
}

export async function audioPackets(page: Page): Promise<number> {
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

/** Waits until at least `streams` incoming videos each decoded more than 10 frames. */
export async function untilDecoding(page: Page, streams: number, timeoutMs = 60_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = await framesDecoded(page);
    if (f.filter((n) => n > 10).length >= streams) return f;
    if (Date.now() > deadline) throw new Error(`frames decoded: ${JSON.stringify(f)} (wanted ${streams} streams)`);
    await page.waitForTimeout(250);
  }
}

/** Waits until the page received `more` audio packets beyond what it had. */
export async function untilAudioGrows(page: Page, more = 50, timeoutMs = 30_000): Promise<[number, number]> {
  const before = await audioPackets(page);
  const deadline = Date.now() + timeoutMs;
  let after = before;
  while (after < before + more && Date.now() < deadline) {
    await page.waitForTimeout(250);
    after = await audioPackets(page);
  }
  assert.ok(after >= before + more, `audio packets ${before} → ${after}`);
  return [before, after];
}
