import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { framesDecoded, scheduleSession, signedIn, T, untilAudioGrows, untilDecoding } from './rooms.js';

// Issue 5, first slice: a 1:1 peer-to-peer call between two signed-in users through the lobby, both sides decode
// video; someone with no part in the session is refused. Run inside a loopback-only network namespace when root
// (see run.mjs), so ICE can only pick loopback.
let server: RunningServer;
let browser: Browser;
let roomId = '';
const pages: Page[] = [];
let chair: Page;
let nurse: Page;
const as = (identifier: string) => signedIn(browser, server.url, identifier, pages);

before(async () => {
  server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined } : await startServer();
  browser = await launchBrowser();
  ({ roomId } = await scheduleSession(server.url, as));
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
    await untilAudioGrows(chair);

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
