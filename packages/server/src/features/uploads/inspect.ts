import { open } from 'node:fs/promises';
import zlib from 'node:zlib';
import dicomParser from 'dicom-parser';
import sharp from 'sharp';
import { AppError, UPLOAD_LIMITS, type BlobKind } from '@vuonxa/core';

export interface Detected {
  kind: BlobKind;
  contentType: string;
}

/**
 * The file's type from its first bytes (magic numbers), never from its name or the sender's claim. Anything else
 * (HTML, SVG, scripts, archives, executables) is refused, so nothing stored can run in a browser.
 */
export function sniff(head: Buffer): Detected | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { kind: 'image', contentType: 'image/jpeg' };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { kind: 'image', contentType: 'image/png' };
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'pdf', contentType: 'application/pdf' };
  // DICOM Part 10: a 128-byte preamble, then "DICM" (PS3.10 §7.1).
  if (head.length >= 132 && head.subarray(128, 132).toString('latin1') === 'DICM')
    return { kind: 'dicom', contentType: 'application/dicom' };
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') return { kind: 'video', contentType: 'video/mp4' };
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return { kind: 'video', contentType: 'video/webm' };
  return null;
}

export type BlobMeta = Record<string, string | number | null>;

const DICOM_TAGS: Record<string, string> = {
  studyUid: 'x0020000d',
  seriesUid: 'x0020000e',
  seriesDescription: 'x0008103e',
  modality: 'x00080060',
  studyDate: 'x00080020',
  bodyPart: 'x00180015',
  transferSyntax: 'x00020010',
  sopInstanceUid: 'x00080018',
};
const DICOM_NUMBERS: Record<string, string> = { seriesNumber: 'x00200011', instanceNumber: 'x00200013' };

/** Compressed bytes of a deflated data set inflated to find its header (the header comes first; pixels follow). */
const DEFLATED_HEAD_BYTES = 2 * 1024 * 1024;
const INFLATED_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): the data set after the file meta group is raw deflate. Only its
 * beginning is inflated (the header precedes the pixel data), with a flush that accepts a stream cut short, and
 * a ceiling on what comes out (a small file must not inflate into gigabytes).
 */
function inflateHead(arr: Uint8Array, position: number): Uint8Array {
  const deflated = Buffer.from(arr.buffer, arr.byteOffset + position, Math.min(arr.length - position, DEFLATED_HEAD_BYTES));
  const inflated = zlib.inflateRawSync(deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: INFLATED_MAX_BYTES });
  const out = new Uint8Array(position + inflated.length);
  out.set(arr.subarray(0, position));
  out.set(inflated, position);
  return out;
}

/**
 * A text element in the character set the file declares (0008,0005): UTF-8 for `ISO_IR 192` (how Vietnamese
 * names and descriptions are written), Latin-1 otherwise (ISO_IR 100, and the ASCII default).
 */
function textOf(ds: dicomParser.DataSet, tag: string, utf8: boolean): string | null {
  const el = ds.elements[tag];
  if (!el || el.length <= 0) return null;
  const raw = Buffer.from(ds.byteArray.buffer, ds.byteArray.byteOffset + el.dataOffset, el.length);
  return (
    raw
      .toString(utf8 ? 'utf8' : 'latin1')
      .replace(/\0/g, '')
      .trim() || null
  );
}

/**
 * Reads what the viewer needs from a DICOM header with a real DICOM parser (deflated files too). The patient's
 * name and identifiers in the header are deliberately not copied anywhere: the request already says whose study it is.
 */
export function dicomMeta(bytes: Buffer): BlobMeta {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), {
      untilTag: 'x7fe00010',
      // Typed as returning nothing; the parser uses the array it returns (header + inflated data set).
      inflater: inflateHead as unknown as (arr: Uint8Array, position: number) => void,
    });
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'The DICOM file cannot be read', details: { field: 'file', kind: 'dicom' } });
  }
  const utf8 = /ISO_IR 192/.test(ds.string('x00080005') ?? '');
  const meta: BlobMeta = {};
  for (const [name, tag] of Object.entries(DICOM_TAGS)) meta[name] = textOf(ds, tag, utf8);
  for (const [name, tag] of Object.entries(DICOM_NUMBERS)) {
    const v = ds.intString(tag);
    meta[name] = v === undefined || Number.isNaN(v) ? null : v;
  }
  meta.rows = ds.uint16('x00280010') ?? null;
  meta.columns = ds.uint16('x00280011') ?? null;
  if (!meta.studyUid || !meta.seriesUid) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: 'The DICOM file has no study or series',
      details: { field: 'file', kind: 'dicom' },
    });
  }
  return meta;
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export interface Inspection extends Detected {
  meta: BlobMeta;
  /** A JPEG thumbnail for images. */
  thumbnail: Buffer | null;
}

/**
 * Checks a finished upload: detects its type, applies the kind's size limit, decodes images (a file that only
 * looks like a JPEG is refused) and makes their thumbnail, reads DICOM headers.
 */
export async function inspectFile(file: string, size: number): Promise<Inspection> {
  const detected = sniff(await readHead(file, 132));
  if (!detected) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: 'Only JPEG, PNG, PDF, DICOM, MP4 and WebM files are accepted',
      details: { field: 'file', accepted: ['image/jpeg', 'image/png', 'application/pdf', 'application/dicom', 'video/mp4', 'video/webm'] },
    });
  }
  if (size > UPLOAD_LIMITS[detected.kind]) {
    throw new AppError('PAYLOAD_TOO_LARGE', { details: { field: 'file', kind: detected.kind, limit: UPLOAD_LIMITS[detected.kind] } });
  }
  if (detected.kind === 'image') {
    try {
      const img = sharp(file, { limitInputPixels: 100_000_000 });
      const m = await img.metadata();
      // Thumbnails are re-encoded (no EXIF, no GPS) and turned upright.
      const thumbnail = await sharp(file).rotate().resize({ width: 320, height: 320, fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
      return { ...detected, meta: { width: m.width ?? null, height: m.height ?? null }, thumbnail };
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'The image cannot be decoded', details: { field: 'file', kind: 'image' } });
    }
  }
  if (detected.kind === 'dicom')
    return { ...detected, meta: dicomMeta(await readHead(file, Math.min(size, 8 * 1024 * 1024))), thumbnail: null };
  return { ...detected, meta: {}, thumbnail: null };
}
