import { describe, expect, it, vi } from 'vitest';
import { parseDicomFile } from './dicom-deflate';
import { decodeFrame, frameValues } from './dicom-frames';
import type { FrameDecoders } from './dicom-frames';
import type { DecodedRgba } from './dicom-jpeg';
import { parseDicomImage } from './dicom-parse';
import type { DicomImage } from './dicom-render';
import { fullRangeWindow, renderFrame } from './dicom-render';
import { syntaxName } from './dicom-syntax';

const RLE = '1.2.840.10008.1.2.5';
const JPEG = '1.2.840.10008.1.2.4.50';

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const ascii = (s: string) => new TextEncoder().encode(s);
const u16 = (n: number) => Uint8Array.from([n & 0xff, n >> 8]);
const u32 = (n: number) => Uint8Array.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);

/** One explicit-VR little-endian element (short form, or the OB/OW long form). */
function element(group: number, elem: number, vr: string, value: Uint8Array): Uint8Array {
  const v = value.length % 2 ? concat([value, Uint8Array.from([vr === 'UI' ? 0 : 0x20])]) : value;
  const long = vr === 'OB' || vr === 'OW';
  return concat([u16(group), u16(elem), ascii(vr), long ? concat([u16(0), u32(v.length)]) : u16(v.length), v]);
}

/** Encapsulated pixel data (PS3.5 A.4): OB of undefined length, offset table item, fragment items, delimiter. */
function encapsulated(fragments: Uint8Array[], offsets: number[] = []): Uint8Array {
  const item = (tag: number, v: Uint8Array) => concat([u16(0xfffe), u16(tag), u32(v.length), v]);
  return concat([
    u16(0x7fe0),
    u16(0x0010),
    ascii('OB'),
    u16(0),
    u32(0xffffffff),
    item(0xe000, concat(offsets.map(u32))),
    ...fragments.map((f) => item(0xe000, f)),
    item(0xe0dd, new Uint8Array(0)),
  ]);
}

interface Spec {
  syntax: string;
  rows: number;
  columns: number;
  bits?: 8 | 16;
  stored?: number;
  signed?: boolean;
  samples?: 1 | 3;
  photometric?: string;
  frames?: number;
  pixels: Uint8Array;
}

/** A Part 10 file: meta group (with its length), then the data set, deflated when the syntax says so. */
async function file(spec: Spec): Promise<Uint8Array> {
  const meta = element(0x0002, 0x0010, 'UI', ascii(spec.syntax));
  const dataSet = concat([
    element(0x0008, 0x0060, 'CS', ascii('CT')),
    element(0x0028, 0x0002, 'US', u16(spec.samples ?? 1)),
    element(0x0028, 0x0004, 'CS', ascii(spec.photometric ?? 'MONOCHROME2')),
    ...(spec.frames ? [element(0x0028, 0x0008, 'IS', ascii(String(spec.frames)))] : []),
    element(0x0028, 0x0010, 'US', u16(spec.rows)),
    element(0x0028, 0x0011, 'US', u16(spec.columns)),
    element(0x0028, 0x0100, 'US', u16(spec.bits ?? 16)),
    element(0x0028, 0x0101, 'US', u16(spec.stored ?? spec.bits ?? 16)),
    element(0x0028, 0x0103, 'US', u16(spec.signed ? 1 : 0)),
    spec.pixels,
  ]);
  const head = concat([new Uint8Array(128), ascii('DICM'), element(0x0002, 0x0000, 'UL', u32(meta.length)), meta]);
  if (spec.syntax !== '1.2.840.10008.1.2.1.99') return concat([head, dataSet]);
  const stream = new Blob([dataSet]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const deflated = new Uint8Array(await new Response(stream).arrayBuffer());
  return concat([head, deflated, deflated.length % 2 ? new Uint8Array(1) : new Uint8Array(0)]);
}

async function parsed(spec: Spec): Promise<DicomImage> {
  const r = await parseDicomFile(await file(spec));
  if (!r.ok) throw new Error(`not parsed: ${JSON.stringify(r.problem)}`);
  return r.image;
}

/** An RLE frame of 16-bit samples: two segments (high bytes, low bytes), each one literal run per row of ≤ 128. */
function rle16(values: number[]): Uint8Array {
  const literal = (bytes: number[]) => [bytes.length - 1, ...bytes];
  const high = literal(values.map((v) => (v >> 8) & 0xff));
  const low = literal(values.map((v) => v & 0xff));
  const pad = (s: number[]) => (s.length % 2 ? [...s, 0] : s);
  const [a, b] = [pad(high), pad(low)];
  const header = concat([u32(2), u32(64), u32(64 + a.length), new Uint8Array(52)]);
  return concat([header, Uint8Array.from(a), Uint8Array.from(b)]);
}

/** A fake JPEG decoder: answers a fixed picture, and remembers which bitstreams it was given. */
function fakeJpeg(picture: DecodedRgba | Error): FrameDecoders & { seen: Uint8Array[] } {
  const seen: Uint8Array[] = [];
  return {
    seen,
    jpeg: vi.fn(async (bytes: Uint8Array) => {
      seen.push(bytes);
      if (picture instanceof Error) throw picture;
      return picture;
    }),
  };
}
const rgbaOf = (pixels: number[][]) => Uint8ClampedArray.from(pixels.flatMap((p) => [...p, 255]));

describe('RLE Lossless files', () => {
  it('decodes each frame of a multi-frame signed 16-bit file into the stored values', async () => {
    const frames = [
      [-1000, 0, 40, 3000, -1, 7],
      [5, 6, 7, 8, 9, -32768],
    ];
    const image = await parsed({ syntax: RLE, rows: 2, columns: 3, signed: true, frames: 2, pixels: encapsulated(frames.map(rle16)) });
    expect(image).toMatchObject({ encoding: 'rle', frames: 2, transferSyntax: RLE });
    for (const [i, values] of frames.entries()) {
      const r = await decodeFrame(image, i);
      if (!r.ok) throw new Error(JSON.stringify(r.problem));
      expect([...frameValues(image, r.bytes)]).toEqual(values);
    }
  });

  it('reports a corrupt frame as a problem and the missing frame too', async () => {
    const frame = rle16([1, 2, 3, 4]);
    const image = await parsed({ syntax: RLE, rows: 2, columns: 2, pixels: encapsulated([frame.subarray(0, frame.length - 4)]) });
    expect(await decodeFrame(image, 0)).toMatchObject({
      ok: false,
      problem: { kind: 'corrupt', detail: expect.stringMatching(/segment 2/) },
    });
    expect(await decodeFrame(image, 3)).toMatchObject({ ok: false, problem: { kind: 'corrupt' } });
  });

  it('renders RGB from its three segments as planes, whatever the planar configuration tag says', async () => {
    // R, G, B segments of a 1×2 image: each one literal run of two bytes.
    const segments = [
      [1, 250, 0],
      [1, 20, 0],
      [1, 5, 200],
    ];
    const frame = concat([u32(3), u32(64), u32(68), u32(72), new Uint8Array(48), Uint8Array.from(segments.flatMap((s) => [...s, 0]))]);
    const image = await parsed({
      syntax: RLE,
      rows: 1,
      columns: 2,
      bits: 8,
      samples: 3,
      photometric: 'RGB',
      pixels: encapsulated([frame]),
    });
    expect(image.planarConfiguration).toBe(1);
    const r = await decodeFrame(image, 0);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const stored = frameValues(image, r.bytes);
    const rgba = new Uint8ClampedArray(8);
    renderFrame(image, stored, fullRangeWindow(image, stored), rgba);
    expect([...rgba]).toEqual([250, 20, 5, 255, 0, 0, 200, 255]);
  });

  it('needs one fragment per frame when there is no offset table', async () => {
    const r = parseDicomImage(await file({ syntax: RLE, rows: 1, columns: 1, frames: 2, pixels: encapsulated([rle16([1])]) }));
    expect(r).toMatchObject({ ok: false, problem: { kind: 'corrupt', detail: expect.stringMatching(/1 fragments for 2 RLE frames/) } });
  });
});

describe('JPEG baseline files', () => {
  it('hands the frame bitstream (fragments joined) to the decoder and takes one channel of monochrome', async () => {
    const parts = [Uint8Array.from([0xff, 0xd8, 1, 2]), Uint8Array.from([3, 4, 0xff, 0xd9])];
    const image = await parsed({ syntax: JPEG, rows: 1, columns: 3, bits: 8, pixels: encapsulated(parts) });
    expect(image).toMatchObject({ encoding: 'jpeg', bitsAllocated: 8, samplesPerPixel: 1 });
    const decoders = fakeJpeg({
      width: 3,
      height: 1,
      rgba: rgbaOf([
        [0, 0, 0],
        [128, 128, 128],
        [250, 250, 250],
      ]),
    });
    const r = await decodeFrame(image, 0, decoders);
    expect([...decoders.seen[0]!]).toEqual([0xff, 0xd8, 1, 2, 3, 4, 0xff, 0xd9]);
    expect(r.ok && [...frameValues(image, r.bytes)]).toEqual([0, 128, 250]);
  });

  it('treats YBR_FULL_422 frames as the RGB the browser decodes them to', async () => {
    const image = await parsed({
      syntax: JPEG,
      rows: 1,
      columns: 2,
      bits: 8,
      samples: 3,
      photometric: 'YBR_FULL_422',
      pixels: encapsulated([Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])]),
    });
    expect(image).toMatchObject({ photometric: 'RGB', planarConfiguration: 0, samplesPerPixel: 3 });
    const r = await decodeFrame(
      image,
      0,
      fakeJpeg({
        width: 2,
        height: 1,
        rgba: rgbaOf([
          [200, 10, 20],
          [0, 90, 255],
        ]),
      }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const stored = frameValues(image, r.bytes);
    const rgba = new Uint8ClampedArray(8);
    renderFrame(image, stored, fullRangeWindow(image, stored), rgba);
    expect([...rgba]).toEqual([200, 10, 20, 255, 0, 90, 255, 255]);
  });

  it('finds the frames of a multi-frame file without an offset table by their end-of-image markers', async () => {
    const jpegA = [Uint8Array.from([0xff, 0xd8, 0xaa]), Uint8Array.from([0xab, 0xff, 0xd9])];
    const jpegB = [Uint8Array.from([0xff, 0xd8, 0xbb, 0xff, 0xd9, 0])];
    const image = await parsed({ syntax: JPEG, rows: 1, columns: 1, bits: 8, frames: 2, pixels: encapsulated([...jpegA, ...jpegB]) });
    expect(image.compressedFrames.map((f) => [...f])).toEqual([
      [0xff, 0xd8, 0xaa, 0xab, 0xff, 0xd9],
      [0xff, 0xd8, 0xbb, 0xff, 0xd9, 0],
    ]);
  });

  it('uses the basic offset table when there is one', async () => {
    // Frame 1 spans two fragments, the first of which happens to end like a JPEG (FF D9): only the table tells.
    const a1 = Uint8Array.from([0xff, 0xd8, 1, 0xff, 0xd9, 0]);
    const a2 = Uint8Array.from([3, 4, 5, 6, 0xff, 0xd9]);
    const b = Uint8Array.from([0xff, 0xd8, 2, 0xff, 0xd9, 0]);
    // Offsets count from the first fragment item's tag: 8 bytes of item header + 6 bytes per fragment here.
    const image = await parsed({ syntax: JPEG, rows: 1, columns: 1, bits: 8, frames: 2, pixels: encapsulated([a1, a2, b], [0, 28]) });
    expect(image.compressedFrames.map((f) => [...f])).toEqual([[...a1, ...a2], [...b]]);
  });

  it('reports a bitstream the decoder refuses, or of the wrong size, as a problem', async () => {
    const image = await parsed({ syntax: JPEG, rows: 2, columns: 2, bits: 8, pixels: encapsulated([Uint8Array.from([0xff, 0xd8])]) });
    expect(await decodeFrame(image, 0, fakeJpeg(new Error('The source image could not be decoded.')))).toMatchObject({
      ok: false,
      problem: { kind: 'corrupt', detail: expect.stringMatching(/could not be decoded/) },
    });
    expect(await decodeFrame(image, 0, fakeJpeg({ width: 1, height: 1, rgba: rgbaOf([[1, 1, 1]]) }))).toMatchObject({
      ok: false,
      problem: { kind: 'corrupt', detail: 'JPEG frame is 1×1, the image 2×2' },
    });
  });

  it('leaves 12-bit JPEG to a workstation', async () => {
    const r = parseDicomImage(
      await file({
        syntax: '1.2.840.10008.1.2.4.51',
        rows: 1,
        columns: 1,
        stored: 12,
        pixels: encapsulated([Uint8Array.from([0xff, 0xd8])]),
      }),
    );
    expect(r).toEqual({ ok: false, problem: { kind: 'compressed', transferSyntax: '1.2.840.10008.1.2.4.51' } });
  });
});

describe('Deflated Explicit VR Little Endian files', () => {
  it('inflates the data set and reads its native pixels', async () => {
    const pixels = element(0x7fe0, 0x0010, 'OW', concat([3, 1, 4, 1, 5, 9].map(u16)));
    const image = await parsed({ syntax: '1.2.840.10008.1.2.1.99', rows: 2, columns: 3, pixels });
    expect(image).toMatchObject({ encoding: 'native', transferSyntax: '1.2.840.10008.1.2.1.99', rows: 2, columns: 3, modality: 'CT' });
    expect([...frameValues(image, image.pixelData)]).toEqual([3, 1, 4, 1, 5, 9]);
  });

  it('is not parsed without inflating, and a corrupt stream is a problem', async () => {
    const bytes = await file({ syntax: '1.2.840.10008.1.2.1.99', rows: 1, columns: 1, pixels: element(0x7fe0, 0x0010, 'OW', u16(1)) });
    expect(parseDicomImage(bytes)).toMatchObject({ ok: false, problem: { kind: 'compressed' } });
    const broken = bytes.slice();
    broken.fill(0xff, broken.length - 8);
    expect(await parseDicomFile(broken)).toMatchObject({ ok: false, problem: { kind: 'corrupt' } });
  });
});

describe('other compressions', () => {
  it.each([
    ['1.2.840.10008.1.2.4.57', 'JPEG Lossless'],
    ['1.2.840.10008.1.2.4.70', 'JPEG Lossless'],
    ['1.2.840.10008.1.2.4.80', 'JPEG-LS'],
    ['1.2.840.10008.1.2.4.81', 'JPEG-LS'],
    ['1.2.840.10008.1.2.4.90', 'JPEG 2000'],
    ['1.2.840.10008.1.2.4.91', 'JPEG 2000'],
    ['1.2.840.10008.1.2.4.201', 'HTJ2K'],
    ['1.2.840.10008.1.2.4.102', 'MPEG / H.264 / HEVC video'],
  ])('keeps %s as "compressed: download" (%s)', async (syntax, name) => {
    const r = parseDicomImage(await file({ syntax, rows: 1, columns: 1, pixels: encapsulated([Uint8Array.from([1, 2])]) }));
    expect(r).toEqual({ ok: false, problem: { kind: 'compressed', transferSyntax: syntax } });
    expect(syntaxName(syntax)).toBe(`${name} (${syntax})`);
  });
});
