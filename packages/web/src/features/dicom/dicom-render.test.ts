import { describe, expect, it } from 'vitest';
import { parseDicomImage } from './dicom-parse';
import { applyWindow, buildWindowLut, defaultWindow, fullRangeWindow, readStoredValues, renderFrame } from './dicom-render';

/** One explicit-VR little-endian element; OB/OW/SQ/UN/UT have the long form (2 reserved bytes, 4-byte length). */
function element(group: number, elem: number, vr: string, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 === 0 ? value : Uint8Array.from([...value, vr === 'OB' || vr === 'UI' ? 0 : 0x20]);
  const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
  const head = new Uint8Array(long ? 12 : 8);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, group, true);
  dv.setUint16(2, elem, true);
  head[4] = vr.charCodeAt(0);
  head[5] = vr.charCodeAt(1);
  if (long) dv.setUint32(8, padded.length, true);
  else dv.setUint16(6, padded.length, true);
  return Uint8Array.from([...head, ...padded]);
}

const ascii = (s: string) => new TextEncoder().encode(s);
const us = (n: number) => Uint8Array.from([n & 0xff, n >> 8]);
function words(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setUint16(i * 2, v & 0xffff, true));
  return out;
}

interface Spec {
  syntax?: string;
  photometric?: string;
  rows?: number;
  columns?: number;
  bits?: 8 | 16;
  stored?: number;
  signed?: boolean;
  window?: [string, string];
  rescale?: [string, string];
  samples?: number;
  planar?: number;
  pixels: Uint8Array;
}

/** A minimal Part 10 file: preamble, DICM, transfer syntax, the image tags and the pixel data. */
function dicomFile(spec: Spec): Uint8Array {
  const parts: Uint8Array[] = [
    new Uint8Array(128),
    ascii('DICM'),
    element(0x0002, 0x0010, 'UI', ascii(spec.syntax ?? '1.2.840.10008.1.2.1')),
    element(0x0008, 0x0060, 'CS', ascii('CT')),
    element(0x0020, 0x0013, 'IS', ascii('7')),
    element(0x0028, 0x0002, 'US', us(spec.samples ?? 1)),
    element(0x0028, 0x0004, 'CS', ascii(spec.photometric ?? 'MONOCHROME2')),
  ];
  if (spec.planar !== undefined) parts.push(element(0x0028, 0x0006, 'US', us(spec.planar)));
  parts.push(
    element(0x0028, 0x0010, 'US', us(spec.rows ?? 2)),
    element(0x0028, 0x0011, 'US', us(spec.columns ?? 2)),
    element(0x0028, 0x0100, 'US', us(spec.bits ?? 16)),
    element(0x0028, 0x0101, 'US', us(spec.stored ?? spec.bits ?? 16)),
    element(0x0028, 0x0103, 'US', us(spec.signed ? 1 : 0)),
  );
  if (spec.window) parts.push(element(0x0028, 0x1050, 'DS', ascii(spec.window[0])), element(0x0028, 0x1051, 'DS', ascii(spec.window[1])));
  if (spec.rescale)
    parts.push(element(0x0028, 0x1052, 'DS', ascii(spec.rescale[0])), element(0x0028, 0x1053, 'DS', ascii(spec.rescale[1])));
  parts.push(element(0x7fe0, 0x0010, spec.bits === 8 ? 'OB' : 'OW', spec.pixels));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function parsed(spec: Spec) {
  const r = parseDicomImage(dicomFile(spec));
  if (!r.ok) throw new Error(`not parsed: ${JSON.stringify(r.problem)}`);
  return r.image;
}

const gray = (rgba: Uint8ClampedArray) => Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]);

describe('parseDicomImage', () => {
  it('reads the image tags of an explicit VR little endian file', () => {
    const image = parsed({ signed: true, window: ['40', '400'], rescale: ['-1024', '1'], pixels: words([0, 1064, 2048, -2000]) });
    expect(image).toMatchObject({
      transferSyntax: '1.2.840.10008.1.2.1',
      rows: 2,
      columns: 2,
      bitsAllocated: 16,
      bitsStored: 16,
      pixelRepresentation: 1,
      samplesPerPixel: 1,
      photometric: 'MONOCHROME2',
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      windowCenter: 40,
      windowWidth: 400,
      frames: 1,
      modality: 'CT',
      instanceNumber: 7,
      littleEndian: true,
    });
    expect(image.pixelData.length).toBe(8);
  });

  it('reads signed and unsigned 16-bit samples', () => {
    expect([...readStoredValues(parsed({ signed: true, pixels: words([0, 1064, 2048, -2000]) }))]).toEqual([0, 1064, 2048, -2000]);
    expect([...readStoredValues(parsed({ pixels: words([0, 1064, 65535, 40000]) }))]).toEqual([0, 1064, 65535, 40000]);
  });

  it('keeps only the stored bits, sign-extending 12-bit signed samples', () => {
    expect([...readStoredValues(parsed({ signed: true, stored: 12, pixels: words([0x0fff, 0x0800, 0x07ff, 0xf001]) }))]).toEqual([
      -1, -2048, 2047, 1,
    ]);
    expect([...readStoredValues(parsed({ stored: 12, pixels: words([0xf0ff, 0x0800, 0, 1]) }))]).toEqual([0x0ff, 0x800, 0, 1]);
  });

  it('reads 8-bit samples', () => {
    const image = parsed({ bits: 8, pixels: Uint8Array.from([0, 127, 128, 255]) });
    expect([...readStoredValues(image)]).toEqual([0, 127, 128, 255]);
  });

  it('refuses compressed transfer syntaxes it does not decode with the syntax named', () => {
    const r = parseDicomImage(dicomFile({ syntax: '1.2.840.10008.1.2.4.90', pixels: words([0, 0, 0, 0]) }));
    expect(r).toEqual({ ok: false, problem: { kind: 'compressed', transferSyntax: '1.2.840.10008.1.2.4.90' } });
  });

  it('says a file that is not DICOM is unsupported', () => {
    expect(parseDicomImage(ascii('hello, not a DICOM file at all')).ok).toBe(false);
  });
});

describe('windowing', () => {
  it('applies the linear window of PS3.3 C.11.2.1.2', () => {
    const w = { center: 40, width: 400 };
    expect(applyWindow(-160, w)).toBe(0);
    expect(applyWindow(40, w)).toBe(128);
    expect(applyWindow(238, w)).toBe(254);
    expect(applyWindow(240, w)).toBe(255);
    expect(applyWindow(5000, w)).toBe(255);
  });

  it('builds a LUT that rescales, windows and inverts', () => {
    expect([...buildWindowLut(0, 4, 10, -20, { center: 0.5, width: 41 }, false)]).toEqual([0, 64, 128, 191, 255]);
    expect([...buildWindowLut(0, 4, 10, -20, { center: 0.5, width: 41 }, true)]).toEqual([255, 191, 127, 64, 0]);
  });

  it('renders a signed CT frame in Hounsfield units under the file window', () => {
    const image = parsed({ signed: true, window: ['40', '400'], rescale: ['-1024', '1'], pixels: words([0, 1064, 2048, -2000]) });
    const stored = readStoredValues(image);
    const rgba = new Uint8ClampedArray(16);
    renderFrame(image, stored, defaultWindow(image, stored), rgba);
    // -1024 HU (air) black, 40 HU mid-grey, 1024 HU white, -3024 HU black; opaque.
    expect(gray(rgba)).toEqual([0, 128, 255, 0]);
    expect(rgba[3]).toBe(255);
  });

  it('inverts MONOCHROME1 and spans the full range when the file has no window', () => {
    const image = parsed({ photometric: 'MONOCHROME1', pixels: words([0, 100, 200, 300]) });
    const stored = readStoredValues(image);
    expect(defaultWindow(image, stored)).toEqual(fullRangeWindow(image, stored));
    const rgba = new Uint8ClampedArray(16);
    renderFrame(image, stored, defaultWindow(image, stored), rgba);
    expect(gray(rgba)).toEqual([255, 170, 85, 0]);
    renderFrame(image, stored, defaultWindow(image, stored), rgba, true);
    expect(gray(rgba)).toEqual([0, 85, 170, 255]);
  });

  it('renders RGB, interleaved and planar', () => {
    const interleaved = parsed({
      bits: 8,
      samples: 3,
      photometric: 'RGB',
      planar: 0,
      rows: 1,
      columns: 2,
      pixels: Uint8Array.from([255, 0, 0, 0, 0, 255]),
    });
    const planar = parsed({
      bits: 8,
      samples: 3,
      photometric: 'RGB',
      planar: 1,
      rows: 1,
      columns: 2,
      pixels: Uint8Array.from([255, 0, 0, 0, 0, 255]),
    });
    for (const [image, expected] of [
      [interleaved, [255, 0, 0, 255, 0, 0, 255, 255]],
      [planar, [255, 0, 0, 255, 0, 0, 255, 255]],
    ] as const) {
      const stored = readStoredValues(image);
      const rgba = new Uint8ClampedArray(8);
      renderFrame(image, stored, fullRangeWindow(image, stored), rgba);
      expect([...rgba]).toEqual(expected);
    }
  });
});
