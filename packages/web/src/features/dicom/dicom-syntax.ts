/**
 * The transfer syntaxes (PS3.5 §10 and Annex A) the viewer knows: which it shows, how, and a name for the others.
 */

export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const DEFLATED = '1.2.840.10008.1.2.1.99';

/** Transfer syntaxes whose pixel data is stored as plain samples. */
export const NATIVE_SYNTAXES: Readonly<Record<string, { littleEndian: boolean }>> = {
  '1.2.840.10008.1.2': { littleEndian: true }, // implicit VR little endian
  [EXPLICIT_LE]: { littleEndian: true },
  '1.2.840.10008.1.2.2': { littleEndian: false }, // explicit VR big endian (retired)
  // Once inflated (dicom-deflate.ts) the data set is explicit VR little endian with native pixels (PS3.5 A.5).
  [DEFLATED]: { littleEndian: true },
};

/** How an encapsulated frame is decoded: RLE in TypeScript, JPEG by the browser. */
export type FrameCodec = 'rle' | 'jpeg';

/** Encapsulated transfer syntaxes the viewer decodes (JPEG only at 8 bits: browsers decode no 12-bit JPEG). */
export const DECODED_SYNTAXES: Readonly<Record<string, FrameCodec>> = {
  '1.2.840.10008.1.2.5': 'rle', // RLE Lossless (PS3.5 Annex G)
  '1.2.840.10008.1.2.4.50': 'jpeg', // JPEG Baseline (Process 1)
  '1.2.840.10008.1.2.4.51': 'jpeg', // JPEG Extended (Process 2 & 4), 8-bit frames only
};

const NAMES: readonly [RegExp, string][] = [
  [/^1\.2\.840\.10008\.1\.2\.4\.5[01]$/, 'JPEG 12-bit'],
  [/^1\.2\.840\.10008\.1\.2\.4\.(57|70)$/, 'JPEG Lossless'],
  [/^1\.2\.840\.10008\.1\.2\.4\.8[01]$/, 'JPEG-LS'],
  [/^1\.2\.840\.10008\.1\.2\.4\.9[0-3]$/, 'JPEG 2000'],
  [/^1\.2\.840\.10008\.1\.2\.4\.20[1-3]$/, 'HTJ2K'],
  [/^1\.2\.840\.10008\.1\.2\.4\.(10[0-9]|11[0-6])$/, 'MPEG / H.264 / HEVC video'],
];

/**
 * A person's name for a compression the viewer does not show, with its UID (the PACS speaks in UIDs).
 *
 * @example
 * syntaxName('1.2.840.10008.1.2.4.90'); // 'JPEG 2000 (1.2.840.10008.1.2.4.90)'
 */
export function syntaxName(uid: string): string {
  const name = NAMES.find(([re]) => re.test(uid))?.[1];
  return name ? `${name} (${uid})` : uid;
}
