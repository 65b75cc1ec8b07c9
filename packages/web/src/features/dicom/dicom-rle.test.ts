import { describe, expect, it } from 'vitest';
import type { DicomImage } from './dicom-render';
import { fullRangeWindow, readStoredValues, renderFrame } from './dicom-render';
import { decodeRleFrame } from './dicom-rle';

/** PackBits as PS3.5 G.3.1 encodes it: runs of 2–128 as (257 − n, byte), literals of 1–128 as (n − 1, bytes…). */
function packBits(src: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    let run = 1;
    while (i + run < src.length && run < 128 && src[i + run] === src[i]) run++;
    if (run >= 2) {
      out.push(257 - run, src[i]!);
      i += run;
      continue;
    }
    let literal = 1;
    while (i + literal < src.length && literal < 128 && src[i + literal] !== src[i + literal + 1]) literal++;
    out.push(literal - 1, ...src.subarray(i, i + literal));
    i += literal;
  }
  return out;
}

/** An RLE frame: header, then each plane PackBits-coded row by row (or whole, to cross rows), padded to even. */
function rleFrame(planes: Uint8Array[], columns: number, { byRow = true } = {}): Uint8Array {
  const segments = planes.map((plane) => {
    const coded: number[] = [];
    const step = byRow ? columns : plane.length;
    for (let at = 0; at < plane.length; at += step) coded.push(...packBits(plane.subarray(at, at + step)));
    if (coded.length % 2 === 1) coded.push(0);
    return coded;
  });
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    view.setUint32(4 + i * 4, offset, true);
    offset += segment.length;
  });
  return Uint8Array.from([...header, ...segments.flat()]);
}

/** 16-bit samples split into byte planes, most significant first (PS3.5 G.2). */
function planes16(values: number[]): Uint8Array[] {
  return [Uint8Array.from(values, (v) => (v >> 8) & 0xff), Uint8Array.from(values, (v) => v & 0xff)];
}

/** A picture with both runs (flat background) and literals (a ramp), so both PackBits codes are used. */
function picture(rows: number, columns: number, value: (x: number, y: number) => number): number[] {
  return Array.from({ length: rows * columns }, (_, i) => {
    const x = i % columns;
    const y = Math.floor(i / columns);
    return x > columns / 3 && x < (2 * columns) / 3 ? value(x, y) : 7;
  });
}

function image(patch: Partial<DicomImage>): DicomImage {
  return {
    transferSyntax: '1.2.840.10008.1.2.5',
    encoding: 'rle',
    rows: 1,
    columns: 1,
    bitsAllocated: 8,
    bitsStored: 8,
    pixelRepresentation: 0,
    samplesPerPixel: 1,
    planarConfiguration: 1,
    photometric: 'MONOCHROME2',
    rescaleSlope: 1,
    rescaleIntercept: 0,
    windowCenter: null,
    windowWidth: null,
    frames: 1,
    modality: null,
    instanceNumber: null,
    littleEndian: true,
    pixelData: new Uint8Array(0),
    compressedFrames: [],
    ...patch,
  };
}

describe('decodeRleFrame', () => {
  it('round-trips 8-bit monochrome of odd sizes, rows longer than a PackBits run included', () => {
    for (const [rows, columns] of [
      [5, 7],
      [3, 301],
      [1, 1],
    ] as const) {
      const values = picture(rows, columns, (x, y) => (x * 37 + y * 11) & 0xff);
      const r = decodeRleFrame(rleFrame([Uint8Array.from(values)], columns), { rows, columns, samplesPerPixel: 1, bytesPerSample: 1 });
      expect(r.ok && [...r.bytes]).toEqual(values);
    }
  });

  it('round-trips 16-bit signed monochrome (high byte segment first) to the same stored values', () => {
    const rows = 9;
    const columns = 13;
    const values = picture(rows, columns, (x, y) => (x - 6) * 300 - y * 1000);
    expect(Math.min(...values)).toBeLessThan(-1000);
    const r = decodeRleFrame(rleFrame(planes16(values), columns), { rows, columns, samplesPerPixel: 1, bytesPerSample: 2 });
    if (!r.ok) throw new Error(r.detail);
    const ct = image({ rows, columns, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 1, pixelData: r.bytes });
    expect([...readStoredValues(ct, 0)]).toEqual(values);
  });

  it('round-trips 8-bit RGB as planes, which the renderer reads as planar colour', () => {
    const rows = 3;
    const columns = 5;
    const red = Uint8Array.from({ length: 15 }, (_, i) => (i % 2 ? 255 : 10));
    const green = Uint8Array.from({ length: 15 }, (_, i) => i * 17);
    const blue = new Uint8Array(15).fill(200);
    const r = decodeRleFrame(rleFrame([red, green, blue], columns), { rows, columns, samplesPerPixel: 3, bytesPerSample: 1 });
    if (!r.ok) throw new Error(r.detail);
    expect([...r.bytes]).toEqual([...red, ...green, ...blue]);
    const rgb = image({ rows, columns, samplesPerPixel: 3, photometric: 'RGB', pixelData: r.bytes });
    const stored = readStoredValues(rgb, 0);
    const rgba = new Uint8ClampedArray(rows * columns * 4);
    renderFrame(rgb, stored, fullRangeWindow(rgb, stored), rgba);
    expect([...rgba.subarray(4, 8)]).toEqual([255, 17, 200, 255]);
  });

  it('decodes runs that cross row boundaries and skips the −128 no-op', () => {
    const values = new Uint8Array(5 * 7).fill(42);
    const frame = rleFrame([values], 7, { byRow: false });
    expect(decodeRleFrame(frame, { rows: 5, columns: 7, samplesPerPixel: 1, bytesPerSample: 1 })).toEqual({ ok: true, bytes: values });
    // A no-op byte (0x80) before a 2-byte literal.
    const noop = Uint8Array.from([...rleFrame([Uint8Array.from([1, 2])], 2).subarray(0, 64), 0x80, 1, 1, 2, 0, 0]);
    expect(decodeRleFrame(noop, { rows: 1, columns: 2, samplesPerPixel: 1, bytesPerSample: 1 })).toEqual({
      ok: true,
      bytes: Uint8Array.from([1, 2]),
    });
  });

  it('reports a truncated or corrupt frame as a problem instead of throwing', () => {
    const rows = 4;
    const columns = 9;
    const values = picture(rows, columns, (x) => x * 1000);
    const frame = rleFrame(planes16(values), columns);
    const layout = { rows, columns, samplesPerPixel: 1, bytesPerSample: 2 };
    const truncated = decodeRleFrame(frame.subarray(0, frame.length - 9), layout);
    expect(truncated).toMatchObject({ ok: false, detail: expect.stringMatching(/segment 2 ends after \d+ of 36 bytes/) });
    expect(decodeRleFrame(frame.subarray(0, 40), layout)).toMatchObject({ ok: false, detail: expect.stringMatching(/header truncated/) });
    // The header promises one segment; 16-bit needs two.
    const oneSegment = frame.slice();
    new DataView(oneSegment.buffer).setUint32(0, 1, true);
    expect(decodeRleFrame(oneSegment, layout)).toMatchObject({ ok: false, detail: expect.stringMatching(/1 segments, the image needs 2/) });
    // The second segment's offset points past the end of the frame.
    const badOffset = frame.slice();
    new DataView(badOffset.buffer).setUint32(8, frame.length + 100, true);
    expect(decodeRleFrame(badOffset, layout)).toMatchObject({ ok: false, detail: expect.stringMatching(/segment 1 lies outside/) });
  });
});
