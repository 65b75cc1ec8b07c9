import { deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Writes small, valid DICOM Part 10 files for the demo data and the tests: 16-bit monochrome CT-like slices
 * (explicit VR little endian, RLE Lossless or deflated) and 8-bit ultrasound-like slices (JPEG baseline). No patient
 * in them: the name is a placeholder.
 */

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]);
  const head = Buffer.alloc(LONG_VRS.has(vr) ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (LONG_VRS.has(vr)) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

const str = (s: string) => Buffer.from(s, 'latin1');
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

export const TRANSFER_SYNTAX = {
  explicit: '1.2.840.10008.1.2.1', // Explicit VR Little Endian
  deflate: '1.2.840.10008.1.2.1.99', // Deflated Explicit VR Little Endian
  rle: '1.2.840.10008.1.2.5', // RLE Lossless
  jpeg: '1.2.840.10008.1.2.4.50', // JPEG Baseline (Process 1)
} as const;

const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const US_IMAGE = '1.2.840.10008.5.1.4.1.1.6.1';

export interface SyntheticSlice {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  seriesNumber: number;
  instanceNumber: number;
  seriesDescription: string;
  modality?: string;
  rows?: number;
  columns?: number;
  /** How the 16-bit CT slice is stored; explicit VR little endian when absent. */
  encoding?: 'explicit' | 'rle' | 'deflate';
}

/**
 * The CT pattern: a bright disc whose radius changes with the instance number on a darker background, with ramps
 * inside and outside, so stepping through a series visibly changes the image and every decoded pixel is checkable.
 *
 * @example
 * syntheticValue(0, 0, 64, 64, 1); // 200: the background's top-left corner
 */
export function syntheticValue(x: number, y: number, rows: number, columns: number, instanceNumber: number): number {
  const radius = (Math.min(rows, columns) / 6) * (1 + (instanceNumber % 5) / 4);
  return Math.hypot(x - columns / 2, y - rows / 2) < radius ? 1200 + Math.round(x * 4) : 200 + Math.round(y * 2);
}

function part10(sopClass: string, s: SyntheticSlice, syntax: string, body: Buffer): Buffer {
  const metaBody = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', str(sopClass)),
    element(0x0002, 0x0003, 'UI', str(s.sopInstanceUid)),
    element(0x0002, 0x0010, 'UI', str(syntax)),
    element(0x0002, 0x0012, 'UI', str('1.2.826.0.1.3680043.10.1234')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  return Buffer.concat([Buffer.alloc(128), str('DICM'), element(0x0002, 0x0000, 'UL', groupLength), metaBody, body]);
}

function identity(sopClass: string, s: SyntheticSlice, modality: string): Buffer[] {
  return [
    // Texts in UTF-8, declared (ISO_IR 192): a Vietnamese series description survives the trip.
    element(0x0008, 0x0005, 'CS', str('ISO_IR 192')),
    element(0x0008, 0x0016, 'UI', str(sopClass)),
    element(0x0008, 0x0018, 'UI', str(s.sopInstanceUid)),
    element(0x0008, 0x0020, 'DA', str('20261127')),
    element(0x0008, 0x0060, 'CS', str(modality)),
    element(0x0008, 0x103e, 'LO', Buffer.from(s.seriesDescription, 'utf8')),
    element(0x0010, 0x0010, 'PN', str('ANONYMOUS')),
    element(0x0020, 0x000d, 'UI', str(s.studyUid)),
    element(0x0020, 0x000e, 'UI', str(s.seriesUid)),
    element(0x0020, 0x0011, 'IS', str(String(s.seriesNumber))),
    element(0x0020, 0x0013, 'IS', str(String(s.instanceNumber))),
  ];
}

/**
 * PackBits, as RLE Lossless wants it (PS3.5 G.3.1): runs of 2–128 equal bytes as (1 − n, byte), other bytes as
 * literals of up to 128 (n − 1, bytes…), each row encoded on its own.
 */
function packBits(row: Buffer): Buffer {
  const out: number[] = [];
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i]!);
      i += run;
      continue;
    }
    let literal = 1;
    while (i + literal < row.length && literal < 128 && row[i + literal] !== row[i + literal + 1]) literal++;
    out.push(literal - 1, ...row.subarray(i, i + literal));
    i += literal;
  }
  return Buffer.from(out);
}

/** One RLE frame (PS3.5 G.5): a 64-byte header of segment offsets, then one PackBits segment per byte plane. */
export function rleFrame(planes: readonly Buffer[], columns: number): Buffer {
  const segments = planes.map((plane) => {
    const rows: Buffer[] = [];
    for (let at = 0; at < plane.length; at += columns) rows.push(packBits(plane.subarray(at, at + columns)));
    const segment = Buffer.concat(rows);
    return segment.length % 2 === 0 ? segment : Buffer.concat([segment, Buffer.alloc(1)]);
  });
  const header = Buffer.alloc(64);
  header.writeUInt32LE(segments.length, 0);
  let offset = 64;
  segments.forEach((segment, i) => {
    header.writeUInt32LE(offset, 4 + i * 4);
    offset += segment.length;
  });
  return Buffer.concat([header, ...segments]);
}

/**
 * Encapsulated pixel data (PS3.5 A.4): (7FE0,0010) OB of undefined length, an empty basic offset table item, one
 * item per fragment (padded to even length), then the sequence delimiter.
 */
export function encapsulate(fragments: readonly Buffer[]): Buffer {
  const item = (tag: number, value: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt16LE(0xfffe, 0);
    head.writeUInt16LE(tag, 2);
    head.writeUInt32LE(value.length, 4);
    return Buffer.concat([head, value]);
  };
  const head = Buffer.alloc(12);
  head.writeUInt16LE(0x7fe0, 0);
  head.writeUInt16LE(0x0010, 2);
  head.write('OB', 4, 'latin1');
  head.writeUInt32LE(0xffffffff, 8);
  const items = fragments.map((f) => item(0xe000, f.length % 2 === 0 ? f : Buffer.concat([f, Buffer.alloc(1)])));
  return Buffer.concat([head, item(0xe000, Buffer.alloc(0)), ...items, item(0xe0dd, Buffer.alloc(0))]);
}

/**
 * One CT slice (12 bits stored in 16), by default explicit VR little endian; `encoding` writes the same pixels as
 * RLE Lossless (two segments: high bytes, then low bytes) or deflates the data set after the file meta group.
 *
 * @example
 * const bytes = syntheticDicom({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopInstanceUid: '1.2.3.1.1', seriesNumber: 1, instanceNumber: 1, seriesDescription: 'Axial' });
 */
export function syntheticDicom(s: SyntheticSlice): Buffer {
  const rows = s.rows ?? 64;
  const columns = s.columns ?? 64;
  const encoding = s.encoding ?? 'explicit';
  const pixels = Buffer.alloc(rows * columns * 2);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) pixels.writeUInt16LE(syntheticValue(x, y, rows, columns, s.instanceNumber), (y * columns + x) * 2);
  }
  let pixelElement: Buffer;
  if (encoding === 'rle') {
    const high = Buffer.alloc(rows * columns);
    const low = Buffer.alloc(rows * columns);
    for (let i = 0; i < rows * columns; i++) {
      high[i] = pixels[i * 2 + 1]!;
      low[i] = pixels[i * 2]!;
    }
    pixelElement = encapsulate([rleFrame([high, low], columns)]);
  } else pixelElement = element(0x7fe0, 0x0010, 'OW', pixels);
  const body = Buffer.concat([
    ...identity(CT_IMAGE, s, s.modality ?? 'CT'),
    element(0x0028, 0x0002, 'US', us(1)),
    element(0x0028, 0x0004, 'CS', str('MONOCHROME2')),
    element(0x0028, 0x0010, 'US', us(rows)),
    element(0x0028, 0x0011, 'US', us(columns)),
    element(0x0028, 0x0100, 'US', us(16)),
    element(0x0028, 0x0101, 'US', us(12)),
    element(0x0028, 0x0102, 'US', us(11)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x0028, 0x1050, 'DS', str('800')),
    element(0x0028, 0x1051, 'DS', str('1600')),
    pixelElement,
  ]);
  if (encoding !== 'deflate') return part10(CT_IMAGE, s, TRANSFER_SYNTAX[encoding], body);
  // PS3.5 A.5: the data set is deflated (RFC 1951, no zlib header) and padded to an even length.
  const deflated = deflateRawSync(body);
  return part10(CT_IMAGE, s, TRANSFER_SYNTAX.deflate, deflated.length % 2 === 0 ? deflated : Buffer.concat([deflated, Buffer.alloc(1)]));
}

/**
 * The CT pattern as 8-bit samples (200 → 0, 1460 → 255); for colour, a warm disc on a grey background, as an
 * ultrasound with colour Doppler looks.
 */
export function syntheticSamples8(s: Pick<SyntheticSlice, 'rows' | 'columns' | 'instanceNumber'>, channels: 1 | 3): Buffer {
  const rows = s.rows ?? 64;
  const columns = s.columns ?? 64;
  const out = Buffer.alloc(rows * columns * channels);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const v = syntheticValue(x, y, rows, columns, s.instanceNumber);
      const g = Math.max(0, Math.min(255, Math.round(((v - 200) * 255) / 1260)));
      const at = (y * columns + x) * channels;
      if (channels === 1) out[at] = g;
      else out.set(v >= 1200 ? [g, Math.round(g * 0.45), 40] : [g, g, g], at);
    }
  }
  return out;
}

/**
 * One ultrasound-like slice, 8 bits, compressed as JPEG baseline by sharp (libjpeg): monochrome, or colour as
 * YBR_FULL (no chroma subsampling), which is what a browser's JPEG decoder turns back into RGB.
 *
 * @example
 * const bytes = await syntheticDicomJpeg({ ...slice, modality: 'US' }, 1);
 */
export async function syntheticDicomJpeg(s: SyntheticSlice, channels: 1 | 3 = 1): Promise<Buffer> {
  const rows = s.rows ?? 64;
  const columns = s.columns ?? 64;
  const raw = syntheticSamples8(s, channels);
  // sharp makes sRGB of one raw channel unless told otherwise: MONOCHROME2 must be a one-component JPEG.
  const jpeg = await sharp(raw, { raw: { width: columns, height: rows, channels } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    .toBuffer();
  const body = Buffer.concat([
    ...identity(US_IMAGE, s, s.modality ?? 'US'),
    element(0x0028, 0x0002, 'US', us(channels)),
    element(0x0028, 0x0004, 'CS', str(channels === 1 ? 'MONOCHROME2' : 'YBR_FULL')),
    ...(channels === 3 ? [element(0x0028, 0x0006, 'US', us(0))] : []),
    element(0x0028, 0x0010, 'US', us(rows)),
    element(0x0028, 0x0011, 'US', us(columns)),
    element(0x0028, 0x0100, 'US', us(8)),
    element(0x0028, 0x0101, 'US', us(8)),
    element(0x0028, 0x0102, 'US', us(7)),
    element(0x0028, 0x0103, 'US', us(0)),
    // PS3.3 C.7.6.1.1.5: a lossy-compressed image says so.
    element(0x0028, 0x2110, 'CS', str('01')),
    element(0x0028, 0x2114, 'CS', str('ISO_10918_1')),
    encapsulate([jpeg]),
  ]);
  return part10(US_IMAGE, s, TRANSFER_SYNTAX.jpeg, body);
}
