import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { applyWindow } from '../packages/web/src/features/dicom/dicom-render.js';
import { syntheticDicom, syntheticDicomJpeg, syntheticSamples8, syntheticValue } from '../packages/server/src/seed/synthetic-dicom.js';
import type { SyntheticSlice } from '../packages/server/src/seed/synthetic-dicom.js';
import { fillRequest } from './consult-form.js';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

// Compressed DICOM in the viewer, in real Chromium: the demo's JPEG-baseline ultrasound, an RLE Lossless CT series
// and a colour (YBR_FULL) JPEG sent by a commune station, and a deflated slice. Each is checked by reading the
// canvas back and comparing pixels with the synthetic pattern under the window the viewer applies.
const PASSWORD = 'VuonXa-Demo-2026';
const T = 20_000;
let server: RunningServer;
let browser: Browser;
let files: string;
const pages: Page[] = [];

const rleSlice = (n: number): SyntheticSlice => ({
  studyUid: '1.2.826.0.1.3680043.10.1234.61',
  seriesUid: '1.2.826.0.1.3680043.10.1234.61.1',
  sopInstanceUid: `1.2.826.0.1.3680043.10.1234.61.1.${n}`,
  seriesNumber: 1,
  instanceNumber: n,
  // ASCII, as many modalities write it (the writer has no Specific Character Set for UTF-8).
  seriesDescription: 'CT SO NAO RLE',
  rows: 47,
  columns: 61,
  encoding: 'rle',
});
const colourSlice: SyntheticSlice = {
  studyUid: '1.2.826.0.1.3680043.10.1234.62',
  seriesUid: '1.2.826.0.1.3680043.10.1234.62.1',
  sopInstanceUid: '1.2.826.0.1.3680043.10.1234.62.1.1',
  seriesNumber: 1,
  instanceNumber: 1,
  seriesDescription: 'US DOPPLER MAU',
  modality: 'US',
  rows: 72,
  columns: 96,
};

before(async () => {
  server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined } : await startServer();
  browser = await launchBrowser();
  files = await mkdtemp(path.join(os.tmpdir(), 'vx-e2e-dicom-'));
  for (const n of [1, 2]) await writeFile(path.join(files, `CT-RLE-${n}`), syntheticDicom(rleSlice(n)));
  await writeFile(path.join(files, 'US-MAU-1'), await syntheticDicomJpeg(colourSlice, 3));
});
after(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await server?.stop();
  await rm(files, { recursive: true, force: true });
});

async function as(identifier: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(server.url);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: T });
  return page;
}

type Rgba = [number, number, number, number];

/**
 * Waits until the viewer's canvas has the image's size and something other than black on it (the frame decoded and
 * drawn), then reads the pixels at `points`.
 */
async function canvasPixels(page: Page, size: { columns: number; rows: number }, points: [number, number][]): Promise<Rgba[]> {
  await page.waitForFunction(
    ({ columns, rows }) => {
      const c = document.querySelector('[data-testid="dicom-canvas"]');
      if (!(c instanceof HTMLCanvasElement) || c.width !== columns || c.height !== rows) return false;
      const data = c.getContext('2d')?.getImageData(0, 0, columns, rows).data ?? [];
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 0) return true;
      return false;
    },
    size,
    { timeout: T },
  );
  return page.evaluate((pts) => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="dicom-canvas"]')!;
    const ctx = c.getContext('2d')!;
    return pts.map(([x, y]) => [...ctx.getImageData(x, y, 1, 1).data] as Rgba);
  }, points);
}

/**
 * Points inside the disc, in the background and one between the disc's radius on slices 1 and 2 (background, then
 * disc), with the 16-bit value the pattern puts there.
 */
function probes(s: SyntheticSlice): { points: [number, number][]; values: number[] } {
  const rows = s.rows ?? 64;
  const columns = s.columns ?? 64;
  const points: [number, number][] = [
    [Math.floor(columns / 2), Math.floor(rows / 2)],
    [Math.floor(columns / 2) + 3, Math.floor(rows / 2) - 2],
    [Math.floor(columns / 2) + Math.round((Math.min(rows, columns) / 6) * 1.375), Math.floor(rows / 2)],
    [1, 1],
    [columns - 2, rows - 2],
    [2, Math.floor(rows / 2)],
  ];
  return { points, values: points.map(([x, y]) => syntheticValue(x, y, rows, columns, s.instanceNumber)) };
}

async function openSeries(page: Page, description: string) {
  await page.getByTestId('dicom-series').filter({ hasText: description }).first().click();
  await page.getByTestId('dicom-viewer').waitFor({ timeout: T });
}

void describe('compressed DICOM in the viewer', () => {
  void it("shows the demo's JPEG-baseline ultrasound, slice after slice, and a deflated slice", async () => {
    const coord = await as('dieuphoi.bachmai@vuonxa.vn');
    const list = await (await coord.request.get(`${server.url}/api/consults?view=hub&limit=100`)).json();
    const demo = list.items.find((c: { patientName: string | null }) => c.patientName === 'Sùng Thị Mỷ');
    assert.ok(demo, 'the demo request is in the hub view');
    const detail = await (await coord.request.get(`${server.url}/api/consults/${demo.id}`)).json();
    // A deflated slice served in place of the demo CT's first one (the upload's own reading of deflated files is in
    // uploads.int.test.ts). Its size is chosen so that the deflated stream has the even-length pad byte, which
    // Chromium's inflater refuses.
    const ct = detail.attachments.find((a: { filename: string }) => a.filename === 'CT0001.dcm');
    const deflated = padded();
    await coord.route(`**/api/attachments/${ct.id}/content`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/dicom', body: syntheticDicom(deflated) }),
    );
    await coord.goto(`${server.url}/consults/${demo.id}`);
    await coord.getByTestId('tab-attachments').click();

    await openSeries(coord, 'Siêu âm tim');
    const us = { rows: 120, columns: 160, instanceNumber: 1 };
    const cx = 80;
    const cy = 60;
    // The file has no window: the viewer spans the frame's range, here (nearly) 0–255, so a pixel shows its sample.
    const want = syntheticSamples8(us, 1);
    const at = (x: number, y: number) => want[y * us.columns + x]!;
    const [centre, corner, ring] = await canvasPixels(coord, us, [
      [cx, cy],
      [2, 2],
      [cx + 27, cy],
    ]);
    for (const [pixel, [x, y]] of [
      [centre!, [cx, cy]],
      [corner!, [2, 2]],
      [ring!, [cx + 27, cy]],
    ] as const) {
      assert.deepEqual([pixel[0], pixel[0]], [pixel[1], pixel[2]], 'monochrome: grey');
      assert.ok(Math.abs(pixel[0] - at(x, y)) <= 12, `(${x}, ${y}) shows ${pixel[0]}, the sample is ${at(x, y)}`);
    }
    // Slice 2's disc is wider (radius 30 instead of 25): the pixel 27 to the right turns from background to disc.
    assert.ok(ring![0] < 60);
    await coord.getByTestId('dicom-viewer').focus();
    await coord.keyboard.press('ArrowDown');
    await coord.waitForFunction(
      ([x, y]) => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="dicom-canvas"]');
        return !!c && c.getContext('2d')!.getImageData(x!, y!, 1, 1).data[0]! > 150;
      },
      [cx + 27, cy],
      { timeout: T },
    );

    await coord.getByTestId('dicom-series').filter({ hasText: 'Ngực — cắt ngang' }).first().click();
    const { points, values } = probes(deflated);
    const shown = await canvasPixels(coord, { rows: deflated.rows!, columns: deflated.columns! }, points);
    // Lossless: exactly the file's window (800/1600) applied to the pattern.
    assert.deepEqual(
      shown.map((p) => p[0]),
      values.map((v) => applyWindow(v, { center: 800, width: 1600 })),
    );
  });

  void it('shows an RLE Lossless CT series and a colour JPEG that a commune station sends', async () => {
    const nurse = await as('yta.yty@vuonxa.vn');
    await fillRequest(nurse, server.url, {
      patient: 'ly a chu',
      urgency: 'routine',
      history: 'Tăng huyết áp, đau đầu; phim cũ của tuyến huyện và siêu âm tại trạm gửi kèm.',
      examination: 'Tỉnh, không dấu thần kinh khu trú.',
      question: 'Xin đọc phim và cho ý kiến xử trí.',
      files: ['CT-RLE-1', 'CT-RLE-2', 'US-MAU-1'].map((f) => path.join(files, f)),
    });
    await nurse.getByTestId('consult-submit').click();
    await nurse.waitForURL(/\/consults\/[0-9a-f-]{36}$/, { timeout: T });
    await nurse.locator('[data-testid="consult-state"][data-state="submitted"]').waitFor({ timeout: T });
    await nurse.getByTestId('tab-attachments').click();

    await openSeries(nurse, 'CT SO NAO RLE');
    for (const n of [1, 2]) {
      if (n === 2) {
        await nurse.getByTestId('dicom-viewer').focus();
        await nurse.keyboard.press('ArrowDown');
      }
      const slice = rleSlice(n);
      const { points, values } = probes(slice);
      // Wait for this slice's own pixels (the previous slice stays on screen while the next one decodes).
      const expected = values.map((v) => applyWindow(v, { center: 800, width: 1600 }));
      await nurse.waitForFunction(
        ({ pts, want }) => {
          const ctx = document.querySelector<HTMLCanvasElement>('[data-testid="dicom-canvas"]')?.getContext('2d');
          return !!ctx && pts.every(([x, y], i) => ctx.getImageData(x, y, 1, 1).data[0] === want[i]);
        },
        { pts: points, want: expected },
        { timeout: T },
      );
      const shown = await canvasPixels(nurse, { rows: slice.rows!, columns: slice.columns! }, points);
      assert.deepEqual(
        shown.map((p) => p.slice(0, 3)),
        expected.map((v) => [v, v, v]),
        `RLE slice ${n}`,
      );
    }

    await nurse.getByTestId('dicom-series').filter({ hasText: 'US DOPPLER MAU' }).first().click();
    const [disc, background] = await canvasPixels(nurse, { rows: colourSlice.rows!, columns: colourSlice.columns! }, [
      [48, 36],
      [2, 2],
    ]);
    // YBR_FULL turned into RGB once (by the browser), not twice: a warm disc (R ≫ G > B ≈ 40) on grey.
    const want = syntheticSamples8(colourSlice, 3);
    const sample = (x: number, y: number) => [...want.subarray((y * 96 + x) * 3, (y * 96 + x) * 3 + 3)];
    for (const [pixel, [x, y]] of [
      [disc!, [48, 36]],
      [background!, [2, 2]],
    ] as const) {
      const expected = sample(x, y);
      pixel
        .slice(0, 3)
        .forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= 12, `(${x}, ${y}) is ${pixel.join()}, the sample ${expected.join()}`));
    }
    assert.ok(disc![0] > disc![1] + 60 && disc![1] > disc![2]);
  });
});

/** A CT slice stored deflated whose deflated data set has an odd length, so the file carries the pad byte. */
function padded(): SyntheticSlice {
  for (let rows = 64; rows < 96; rows++) {
    const s: SyntheticSlice = { ...rleSlice(1), rows, columns: 80, seriesDescription: 'Ngực — cắt ngang', encoding: 'explicit' };
    const plain = syntheticDicom(s);
    const body = plain.subarray(132 + 12 + plain.readUInt32LE(140));
    if (deflateRawSync(body).length % 2 === 1) return { ...s, encoding: 'deflate' };
  }
  throw new Error('no slice size gives an odd deflated length');
}
