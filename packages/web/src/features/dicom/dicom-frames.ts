import { browserJpegDecoder, jpegSamples } from './dicom-jpeg';
import type { JpegDecoder } from './dicom-jpeg';
import { readStoredValues } from './dicom-render';
import type { DicomImage, DicomProblem } from './dicom-render';
import { decodeRleFrame } from './dicom-rle';

/**
 * One frame of an image as the samples `readStoredValues` reads, whatever the encoding: native frames are a slice
 * of the pixel data, RLE frames are decoded here, JPEG frames by an injectable decoder (the browser's by default).
 */

export interface FrameDecoders {
  jpeg: JpegDecoder;
}

export const BROWSER_DECODERS: FrameDecoders = { jpeg: browserJpegDecoder };

/** A decoded frame: its samples laid out as the image's sample fields say (little endian, one frame). */
export type FrameResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: DicomProblem };

const corrupt = (detail: string): FrameResult => ({ ok: false, problem: { kind: 'corrupt', detail } });

/**
 * Decodes frame `frame` (0-based) of an encapsulated image. Never rejects: a frame that does not decode is a
 * `corrupt` problem, so one broken frame does not break the page.
 *
 * @example
 * const r = await decodeFrame(image, 0);
 * if (r.ok) renderFrame(image, frameValues(image, r.bytes), window, rgba);
 */
export async function decodeFrame(image: DicomImage, frame: number, decoders: FrameDecoders = BROWSER_DECODERS): Promise<FrameResult> {
  const compressed = image.compressedFrames[frame];
  if (image.encoding === 'native' || !compressed) return corrupt(`No compressed frame ${frame + 1} of ${image.compressedFrames.length}`);
  const layout = { rows: image.rows, columns: image.columns, samplesPerPixel: image.samplesPerPixel };
  if (image.encoding === 'rle') {
    const r = decodeRleFrame(compressed, { ...layout, bytesPerSample: image.bitsAllocated / 8 });
    return r.ok ? r : corrupt(r.detail);
  }
  try {
    const r = jpegSamples(await decoders.jpeg(compressed), layout);
    return r.ok ? r : corrupt(r.detail);
  } catch (error) {
    // createImageBitmap rejects with an InvalidStateError / EncodingError on a bitstream it cannot decode.
    return corrupt(`JPEG frame ${frame + 1}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The stored values of one decoded frame (see `readStoredValues`).
 *
 * @example
 * const stored = frameValues(image, decoded.bytes);
 */
export function frameValues(image: DicomImage, bytes: Uint8Array): Int32Array {
  return readStoredValues({ ...image, pixelData: bytes }, 0);
}
