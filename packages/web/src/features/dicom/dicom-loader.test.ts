import { describe, expect, it, vi } from 'vitest';
import { loadFrame } from './dicom-loader';
import type { DicomImage } from './dicom-render';

const jpegImage: DicomImage = {
  transferSyntax: '1.2.840.10008.1.2.4.50',
  encoding: 'jpeg',
  rows: 1,
  columns: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  pixelRepresentation: 0,
  samplesPerPixel: 1,
  planarConfiguration: 0,
  photometric: 'MONOCHROME2',
  rescaleSlope: 1,
  rescaleIntercept: 0,
  windowCenter: null,
  windowWidth: null,
  frames: 2,
  modality: 'US',
  instanceNumber: 1,
  littleEndian: true,
  pixelData: new Uint8Array(0),
  compressedFrames: [Uint8Array.from([0xff, 0xd8, 1]), Uint8Array.from([0xff, 0xd8, 2])],
};

describe('loadFrame', () => {
  it('decodes each frame of an instance once, however often it is asked for', async () => {
    const jpeg = vi.fn(async (bytes: Uint8Array) => ({ width: 1, height: 1, rgba: Uint8ClampedArray.from([bytes[2]! * 100, 0, 0, 255]) }));
    const url = '/api/attachments/a1/content';
    const first = await Promise.all([loadFrame(url, jpegImage, 0, { jpeg }), loadFrame(url, jpegImage, 0, { jpeg })]);
    const again = await loadFrame(url, jpegImage, 0, { jpeg });
    const second = await loadFrame(url, jpegImage, 1, { jpeg });
    expect(jpeg).toHaveBeenCalledTimes(2);
    expect([first[0], first[1], again].map((r) => r.ok && r.bytes[0])).toEqual([100, 100, 100]);
    expect(second.ok && second.bytes[0]).toBe(200);
    // Another instance with the same frame number is its own entry.
    await loadFrame('/api/attachments/a2/content', jpegImage, 0, { jpeg });
    expect(jpeg).toHaveBeenCalledTimes(3);
  });
});
