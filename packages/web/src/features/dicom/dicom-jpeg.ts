/**
 * JPEG frames (JPEG Baseline 1.2.840.10008.1.2.4.50, 8-bit Extended .51) decoded by the browser's own decoder: no
 * JavaScript codec to download, and the decoding itself is native and asynchronous.
 */

export interface DecodedRgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, as `ImageData.data`. */
  rgba: Uint8ClampedArray;
}

/** Turns one JPEG bitstream into RGBA pixels: the browser's decoder in the app, a fake one in unit tests. */
export type JpegDecoder = (jpeg: Uint8Array) => Promise<DecodedRgba>;

/**
 * The browser's decoder: `createImageBitmap` on the bytes, drawn on an (Offscreen)Canvas and read back. No colour
 * management (`colorSpaceConversion: 'none'`): the samples must reach the window/level maths unchanged.
 *
 * @example
 * const { width, height, rgba } = await browserJpegDecoder(frameBytes);
 */
export const browserJpegDecoder: JpegDecoder = async (jpeg) => {
  // Copied into a fresh ArrayBuffer-backed array: Blob parts may not view a SharedArrayBuffer.
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  try {
    const { width, height } = bitmap;
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2D canvas context');
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
};

export type JpegSamples = { ok: true; bytes: Uint8Array } | { ok: false; detail: string };

/**
 * The decoded RGBA as the frame's 8-bit samples: one channel for monochrome (the decoder repeats grey in R, G and
 * B), interleaved RGB for colour. YBR_FULL_422 and YBR_FULL frames arrive already converted to RGB by the decoder.
 *
 * @example
 * jpegSamples({ width: 1, height: 1, rgba: new Uint8ClampedArray([9, 9, 9, 255]) }, { rows: 1, columns: 1, samplesPerPixel: 1 });
 * // { ok: true, bytes: Uint8Array [9] }
 */
export function jpegSamples(decoded: DecodedRgba, layout: { rows: number; columns: number; samplesPerPixel: number }): JpegSamples {
  const { rows, columns, samplesPerPixel } = layout;
  if (decoded.width !== columns || decoded.height !== rows) {
    return { ok: false, detail: `JPEG frame is ${decoded.width}×${decoded.height}, the image ${columns}×${rows}` };
  }
  const pixels = rows * columns;
  const out = new Uint8Array(pixels * samplesPerPixel);
  const { rgba } = decoded;
  if (samplesPerPixel === 1) {
    for (let p = 0; p < pixels; p++) out[p] = rgba[p * 4] ?? 0;
  } else {
    for (let p = 0; p < pixels; p++) {
      out[p * 3] = rgba[p * 4] ?? 0;
      out[p * 3 + 1] = rgba[p * 4 + 1] ?? 0;
      out[p * 3 + 2] = rgba[p * 4 + 2] ?? 0;
    }
  }
  return { ok: true, bytes: out };
}
