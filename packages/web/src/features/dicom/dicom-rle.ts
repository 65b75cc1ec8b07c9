/**
 * RLE Lossless (transfer syntax 1.2.840.10008.1.2.5, DICOM PS3.5 Annex G) in plain TypeScript. A frame is a 64-byte
 * header (the number of segments, then up to 15 segment offsets, little endian) and PackBits-coded segments; each
 * segment is one byte plane of one sample, most significant byte first: 8-bit monochrome has one segment, 16-bit
 * two, 8-bit RGB three (R, G, B), 16-bit RGB six.
 */

export interface RleLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** BitsAllocated / 8. */
  bytesPerSample: number;
}

export type RleResult = { ok: true; bytes: Uint8Array } | { ok: false; detail: string };

const HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

/**
 * PackBits (PS3.5 G.3.2) from `src[start, end)` into every `stride`-th byte of `out` from `at`, `count` bytes at
 * most. Returns how many bytes came out: fewer than `count` means the segment is truncated or corrupt.
 */
function unpackSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, at: number, stride: number, count: number): number {
  let i = start;
  let n = 0;
  while (n < count && i < end) {
    const header = src[i++] ?? 128;
    if (header < 128) {
      // n + 1 literal bytes; one that runs past the segment is a truncation.
      const take = Math.min(header + 1, count - n);
      if (i + take > end) return n;
      for (let k = 0; k < take; k++) out[at + (n + k) * stride] = src[i + k] ?? 0;
      i += header + 1;
      n += take;
    } else if (header > 128) {
      // The next byte, 257 − header times.
      if (i >= end) return n;
      const value = src[i++] ?? 0;
      const take = Math.min(257 - header, count - n);
      for (let k = 0; k < take; k++) out[at + (n + k) * stride] = value;
      n += take;
    }
    // 128 (−128) is a no-op.
  }
  return n;
}

/**
 * Decodes one RLE frame into the samples as native pixel data would hold them: little endian, and for colour one
 * plane per sample (RR…GG…BB…, planar configuration 1) because that is how the segments arrive. A header or
 * segment that does not fit the image is reported, never thrown.
 *
 * @example
 * const r = decodeRleFrame(fragment, { rows: 512, columns: 512, samplesPerPixel: 1, bytesPerSample: 2 });
 * if (r.ok) readStoredValues({ ...image, pixelData: r.bytes, littleEndian: true }, 0);
 */
export function decodeRleFrame(frame: Uint8Array, layout: RleLayout): RleResult {
  const { rows, columns, samplesPerPixel, bytesPerSample } = layout;
  const pixels = rows * columns;
  const expected = samplesPerPixel * bytesPerSample;
  if (frame.length < HEADER_BYTES) return { ok: false, detail: `RLE header truncated (${frame.length} bytes)` };
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== expected || segments > MAX_SEGMENTS) {
    return { ok: false, detail: `RLE frame has ${segments} segments, the image needs ${expected}` };
  }
  const out = new Uint8Array(pixels * expected);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true);
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : frame.length;
    if (start < HEADER_BYTES || end < start || end > frame.length) {
      return { ok: false, detail: `RLE segment ${s + 1} lies outside the frame (${start}–${end} of ${frame.length})` };
    }
    const sample = Math.floor(s / bytesPerSample);
    // Segments go from the most significant byte down; little endian puts that byte last.
    const byte = bytesPerSample - 1 - (s % bytesPerSample);
    const got = unpackSegment(frame, start, end, out, sample * pixels * bytesPerSample + byte, bytesPerSample, pixels);
    if (got < pixels) return { ok: false, detail: `RLE segment ${s + 1} ends after ${got} of ${pixels} bytes` };
  }
  return { ok: true, bytes: out };
}
