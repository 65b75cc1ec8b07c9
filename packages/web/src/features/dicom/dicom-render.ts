import type { FrameCodec } from './dicom-syntax';

/**
 * DICOM pixel math without the DOM: the image a viewer needs (parsed by dicom-parse.ts), reading 8/16-bit signed or
 * unsigned samples, rescale (modality LUT) and the linear window (VOI LUT) of PS3.3 C.11.2.1.2, into RGBA bytes.
 */

export interface DicomImage {
  transferSyntax: string;
  /** Where a frame's samples come from: `pixelData` as is, or decoding `compressedFrames` (dicom-frames.ts). */
  encoding: 'native' | FrameCodec;
  rows: number;
  columns: number;
  /** The sample fields below describe the samples as rendered, i.e. after decoding. */
  bitsAllocated: number;
  bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  samplesPerPixel: number;
  /** 0 interleaved (RGBRGB…), 1 planar (RR…GG…BB…): RLE decodes planar, JPEG interleaved. */
  planarConfiguration: number;
  photometric: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** The first window of the file, when it has one. */
  windowCenter: number | null;
  windowWidth: number | null;
  frames: number;
  modality: string | null;
  instanceNumber: number | null;
  littleEndian: boolean;
  /** The pixel data element's bytes (all frames); empty when encapsulated. */
  pixelData: Uint8Array;
  /** Encapsulated only: each frame's compressed bytes (an RLE frame, a JPEG bitstream). */
  compressedFrames: readonly Uint8Array[];
}

/**
 * A file the viewer cannot show: a compression it does not decode (JPEG 2000, JPEG-LS…), no pixel data, tags it
 * does not handle, or compressed data that does not decode (truncated, corrupt).
 */
export type DicomProblem =
  | { kind: 'compressed'; transferSyntax: string }
  | { kind: 'no_pixels' }
  | { kind: 'unsupported'; detail: string }
  | { kind: 'corrupt'; detail: string };

export type DicomParseResult = { ok: true; image: DicomImage } | { ok: false; problem: DicomProblem };

/**
 * The stored samples of one frame as integers: 8 or 16 bits, signed or unsigned, only the `bitsStored`
 * low bits kept (sign-extended when signed). For colour images the samples stay interleaved or planar.
 */
export function readStoredValues(image: DicomImage, frame = 0): Int32Array {
  const count = image.rows * image.columns * image.samplesPerPixel;
  const bytesPer = image.bitsAllocated / 8;
  const start = frame * count * bytesPer;
  const out = new Int32Array(count);
  const data = image.pixelData;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const available = Math.max(0, Math.min(count, Math.floor((data.byteLength - start) / bytesPer)));
  const stored = Math.min(image.bitsStored, image.bitsAllocated);
  const signed = image.pixelRepresentation === 1;
  const shift = 32 - stored;
  const mask = stored >= 32 ? 0xffffffff : 2 ** stored - 1;
  for (let i = 0; i < available; i++) {
    const raw = bytesPer === 1 ? view.getUint8(start + i) : view.getUint16(start + i * 2, image.littleEndian);
    out[i] = signed ? (raw << shift) >> shift : raw & mask;
  }
  return out;
}

/** Smallest and largest value of a list of samples ({0, 0} when empty). */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Stored value to modality value (Hounsfield units for CT). */
export function rescale(stored: number, slope: number, intercept: number): number {
  return stored * slope + intercept;
}

export interface Window {
  center: number;
  width: number;
}

/**
 * The linear VOI window of PS3.3 C.11.2.1.2.1 on one modality value, as a display byte.
 *
 * @example
 * applyWindow(40, { center: 40, width: 400 }); // 128
 */
export function applyWindow(value: number, { center, width }: Window): number {
  const w = Math.max(1, width);
  const low = center - 0.5 - (w - 1) / 2;
  const high = center - 0.5 + (w - 1) / 2;
  if (value <= low) return 0;
  if (value > high) return 255;
  return Math.round(((value - (center - 0.5)) / (w - 1) + 0.5) * 255);
}

/**
 * A lookup table from stored value (offset by `minStored`) to display byte: rescale, window and, for
 * MONOCHROME1, inversion in one step, so a 512×512 frame redraws with one table read per pixel.
 */
export function buildWindowLut(
  minStored: number,
  maxStored: number,
  slope: number,
  intercept: number,
  window: Window,
  invert: boolean,
): Uint8ClampedArray {
  const size = Math.max(1, maxStored - minStored + 1);
  const lut = new Uint8ClampedArray(size);
  for (let i = 0; i < size; i++) {
    const v = applyWindow(rescale(minStored + i, slope, intercept), window);
    lut[i] = invert ? 255 - v : v;
  }
  return lut;
}

/** The window the file proposes, else one covering the whole range of modality values of the frame. */
export function defaultWindow(image: DicomImage, stored: Int32Array): Window {
  if (image.windowCenter !== null && image.windowWidth !== null && image.windowWidth > 0) {
    return { center: image.windowCenter, width: image.windowWidth };
  }
  return fullRangeWindow(image, stored);
}

/** A window spanning every modality value of the frame (for colour: the 0–255 range). */
export function fullRangeWindow(image: DicomImage, stored: Int32Array): Window {
  if (image.samplesPerPixel === 3) return { center: 128, width: 256 };
  const { min, max } = valueRange(stored);
  const a = rescale(min, image.rescaleSlope, image.rescaleIntercept);
  const b = rescale(max, image.rescaleSlope, image.rescaleIntercept);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return { center: (lo + hi + 1) / 2, width: Math.max(1, hi - lo + 1) };
}

function ybrToRgb(y: number, cb: number, cr: number): [number, number, number] {
  return [y + 1.402 * (cr - 128), y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128), y + 1.772 * (cb - 128)];
}

/**
 * Fills `rgba` (rows × columns × 4 bytes, e.g. an `ImageData`'s data) with one frame under a window.
 * Monochrome goes through the LUT (inverted for MONOCHROME1 unless `invert` flips it back); colour
 * (RGB, YBR_FULL; interleaved or planar) has the window applied to each channel.
 */
export function renderFrame(image: DicomImage, stored: Int32Array, window: Window, rgba: Uint8ClampedArray, invert = false): void {
  const pixels = image.rows * image.columns;
  if (image.samplesPerPixel === 3) {
    const planar = image.planarConfiguration === 1;
    const ybr = image.photometric.startsWith('YBR_FULL');
    const lut = buildWindowLut(0, 255, 1, 0, window, invert);
    for (let p = 0; p < pixels; p++) {
      const a = planar ? (stored[p] ?? 0) : (stored[p * 3] ?? 0);
      const b = planar ? (stored[p + pixels] ?? 0) : (stored[p * 3 + 1] ?? 0);
      const c = planar ? (stored[p + 2 * pixels] ?? 0) : (stored[p * 3 + 2] ?? 0);
      const [r, g, bl] = ybr ? ybrToRgb(a, b, c) : [a, b, c];
      const o = p * 4;
      rgba[o] = lut[clampByte(r)] ?? 0;
      rgba[o + 1] = lut[clampByte(g)] ?? 0;
      rgba[o + 2] = lut[clampByte(bl)] ?? 0;
      rgba[o + 3] = 255;
    }
    return;
  }
  const { min, max } = valueRange(stored);
  const flip = (image.photometric === 'MONOCHROME1') !== invert;
  const lut = buildWindowLut(min, max, image.rescaleSlope, image.rescaleIntercept, window, flip);
  for (let p = 0; p < pixels; p++) {
    const v = lut[(stored[p] ?? min) - min] ?? 0;
    const o = p * 4;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** Window presets by modality (CT in Hounsfield units); every modality also has "file" and "full range". */
export const CT_PRESETS = {
  brain: { center: 40, width: 80 },
  softTissue: { center: 40, width: 400 },
  lung: { center: -600, width: 1500 },
  bone: { center: 300, width: 1500 },
} as const satisfies Record<string, Window>;
