import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TRANSFER_SYNTAX, syntheticDicom, syntheticDicomJpeg, syntheticSamples8, syntheticValue } from './synthetic-dicom.js';

const slice = {
  studyUid: '1.2.826.0.1.3680043.10.1234.55',
  seriesUid: '1.2.826.0.1.3680043.10.1234.55.1',
  sopInstanceUid: '1.2.826.0.1.3680043.10.1234.55.1.3',
  seriesNumber: 1,
  instanceNumber: 3,
  seriesDescription: 'Test',
  rows: 37,
  columns: 53,
};

const parse = (b: Buffer) => dicomParser.parseDicom(new Uint8Array(b.buffer, b.byteOffset, b.length));
const expected16 = () =>
  Array.from({ length: slice.rows * slice.columns }, (_, i) =>
    syntheticValue(i % slice.columns, Math.floor(i / slice.columns), slice.rows, slice.columns, 3),
  );

/** The one frame of encapsulated pixel data, as a reader sees it: empty offset table, then the fragments. */
function onlyFrame(ds: dicomParser.DataSet): Buffer {
  const pixel = ds.elements['x7fe00010']!;
  expect(pixel).toMatchObject({ encapsulatedPixelData: true, hadUndefinedLength: true, basicOffsetTable: [] });
  const frame = dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, 0, pixel.fragments!.length);
  return Buffer.from(frame.buffer, frame.byteOffset, frame.length);
}

/** PackBits decoding of one RLE segment (PS3.5 G.3.2), independent of the writer's encoder. */
function unpack(segment: Buffer, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < segment.length && out.length < count;) {
    const n = segment.readInt8(i++);
    if (n >= 0) {
      out.push(...segment.subarray(i, i + n + 1));
      i += n + 1;
    } else if (n !== -128) out.push(...new Array<number>(1 - n).fill(segment[i++]!));
  }
  return out.slice(0, count);
}

describe('syntheticDicom', () => {
  it('writes explicit VR little endian 16-bit samples by default', () => {
    const ds = parse(syntheticDicom(slice));
    expect(ds.string('x00020010')).toBe(TRANSFER_SYNTAX.explicit);
    const pixel = ds.elements['x7fe00010']!;
    const values = Array.from(
      { length: pixel.length / 2 },
      (_, i) => ds.byteArray[pixel.dataOffset + i * 2]! | (ds.byteArray[pixel.dataOffset + i * 2 + 1]! << 8),
    );
    expect(values).toEqual(expected16());
  });

  it('writes RLE Lossless: one fragment, two PackBits segments (high bytes, then low), the same samples', () => {
    const bytes = syntheticDicom({ ...slice, encoding: 'rle' });
    const ds = parse(bytes);
    expect(ds.string('x00020010')).toBe(TRANSFER_SYNTAX.rle);
    expect(ds.elements['x7fe00010']!.fragments).toHaveLength(1);
    const frame = onlyFrame(ds);
    expect(frame.length % 2).toBe(0);
    expect(frame.readUInt32LE(0)).toBe(2);
    const [first, second] = [frame.readUInt32LE(4), frame.readUInt32LE(8)];
    expect(first).toBe(64);
    const pixels = slice.rows * slice.columns;
    const high = unpack(frame.subarray(first, second), pixels);
    const low = unpack(frame.subarray(second), pixels);
    expect(high.map((h, i) => (h << 8) | low[i]!)).toEqual(expected16());
    // Compression that compresses: the flat background is coded as runs.
    expect(frame.length).toBeLessThan(pixels * 2);
  });

  it('writes a deflated data set that inflates to the explicit VR one', () => {
    const plain = syntheticDicom(slice);
    const bytes = syntheticDicom({ ...slice, encoding: 'deflate' });
    const ds = dicomParser.readPart10Header(new Uint8Array(bytes));
    expect(ds.string('x00020010')).toBe(TRANSFER_SYNTAX.deflate);
    const metaEnd = 132 + 12 + bytes.readUInt32LE(140);
    const plainMetaEnd = 132 + 12 + plain.readUInt32LE(140);
    expect(bytes.length % 2).toBe(0);
    expect(inflateRawSync(bytes.subarray(metaEnd)).equals(plain.subarray(plainMetaEnd))).toBe(true);
  });
});

describe('syntheticDicomJpeg', () => {
  it.each([1, 3] as const)('writes JPEG baseline with %i channel(s) that decodes back to the pattern', async (channels) => {
    const ds = parse(await syntheticDicomJpeg(slice, channels));
    expect(ds.string('x00020010')).toBe(TRANSFER_SYNTAX.jpeg);
    expect([ds.uint16('x00280100'), ds.uint16('x00280101'), ds.uint16('x00280002'), ds.string('x00280004')]).toEqual([
      8,
      8,
      channels,
      channels === 1 ? 'MONOCHROME2' : 'YBR_FULL',
    ]);
    expect(ds.string('x00282110')).toBe('01');
    const jpeg = onlyFrame(ds);
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    // The bitstream's own component count must match the header (SamplesPerPixel), not just the decoded output.
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['jpeg', slice.columns, slice.rows, channels]);
    const { data } = await sharp(jpeg)
      .toColourspace(channels === 1 ? 'b-w' : 'srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data.length).toBe(slice.rows * slice.columns * channels);
    const want = syntheticSamples8(slice, channels);
    const meanError = data.reduce((sum, v, i) => sum + Math.abs(v - want[i]!), 0) / data.length;
    expect(meanError).toBeLessThan(3);
  });
});
