import { parseDicom, readPart10Header } from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { encapsulatedFrames } from './dicom-encapsulated';
import type { DicomImage, DicomParseResult } from './dicom-render';
import { DECODED_SYNTAXES, DEFLATED, EXPLICIT_LE, NATIVE_SYNTAXES } from './dicom-syntax';
import type { FrameCodec } from './dicom-syntax';

/** From a file's bytes to a `DicomImage`, synchronously (dicom-parser): the tags, the syntax, where the pixels are. */

function num(ds: DataSet, tag: string): number | null {
  const s = ds.string(tag);
  if (s === undefined || s === '') return null;
  const v = Number.parseFloat(s.split('\\')[0] ?? '');
  return Number.isFinite(v) ? v : null;
}

/** The transfer syntax in a Part 10 file's meta group, or null when there is none to read. */
export function fileSyntax(bytes: Uint8Array): string | null {
  try {
    return readPart10Header(bytes).string('x00020010')?.replace(/\0/g, '').trim() ?? null;
  } catch {
    return null;
  }
}

const compressed = (transferSyntax: string): DicomParseResult => ({ ok: false, problem: { kind: 'compressed', transferSyntax } });

/**
 * Parses a DICOM Part 10 file (or a bare data set) and reads what rendering needs. Native pixels are ready to
 * read; encapsulated RLE and 8-bit JPEG frames are split out for `decodeFrame`; other compressions are a problem.
 * A deflated file is inflated first (`parseDicomFile`), then its data set passed here with `inflatedFrom`.
 *
 * @example
 * const r = parseDicomImage(new Uint8Array(await res.arrayBuffer()));
 * if (r.ok) renderFrame(r.image, readStoredValues(r.image, 0), { center: 40, width: 400 }, rgba);
 */
export function parseDicomImage(bytes: Uint8Array, options: { inflatedFrom?: string } = {}): DicomParseResult {
  // dicom-parser's own inflating is not used: a browser has no zlib for it, and it re-reads the preamble as elements.
  if (!options.inflatedFrom && fileSyntax(bytes) === DEFLATED) return compressed(DEFLATED);
  let ds: DataSet;
  try {
    ds = parseDicom(bytes, options.inflatedFrom ? { TransferSyntaxUID: EXPLICIT_LE } : undefined);
  } catch (error) {
    // A compression the viewer does not know may also be a layout dicom-parser does not: say "compressed" then.
    const syntax = fileSyntax(bytes);
    if (syntax && !NATIVE_SYNTAXES[syntax] && !DECODED_SYNTAXES[syntax]) return compressed(syntax);
    return { ok: false, problem: { kind: 'unsupported', detail: error instanceof Error ? error.message : String(error) } };
  }
  const transferSyntax = options.inflatedFrom ?? (ds.string('x00020010') ?? '1.2.840.10008.1.2').replace(/\0/g, '').trim();
  const native = NATIVE_SYNTAXES[transferSyntax];
  const codec = DECODED_SYNTAXES[transferSyntax];
  const pixel = ds.elements['x7fe00010'];
  if (!(native || codec) || (native && pixel?.encapsulatedPixelData)) return compressed(transferSyntax);
  if (!pixel || pixel.length <= 0) return { ok: false, problem: { kind: 'no_pixels' } };
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  const samplesPerPixel = ds.uint16('x00280002') ?? 1;
  if (rows === 0 || columns === 0) return { ok: false, problem: { kind: 'no_pixels' } };
  if (![8, 16].includes(bitsAllocated)) return { ok: false, problem: { kind: 'unsupported', detail: `BitsAllocated ${bitsAllocated}` } };
  if (![1, 3].includes(samplesPerPixel))
    return { ok: false, problem: { kind: 'unsupported', detail: `SamplesPerPixel ${samplesPerPixel}` } };
  const image = imageOf(ds, { transferSyntax, rows, columns, bitsAllocated, samplesPerPixel });
  if (!codec) {
    image.littleEndian = native?.littleEndian ?? true;
    image.pixelData = bytes.subarray(pixel.dataOffset, Math.min(pixel.dataOffset + pixel.length, bytes.length));
    return { ok: true, image };
  }
  // Browsers decode 8-bit JPEG only; 12-bit Extended JPEG stays "compressed".
  if (codec === 'jpeg' && image.bitsStored > 8) return compressed(transferSyntax);
  return withFrames(ds, pixel, image, codec);
}

function imageOf(
  ds: DataSet,
  base: Pick<DicomImage, 'transferSyntax' | 'rows' | 'columns' | 'bitsAllocated' | 'samplesPerPixel'>,
): DicomImage {
  return {
    ...base,
    encoding: 'native',
    bitsStored: ds.uint16('x00280101') ?? base.bitsAllocated,
    pixelRepresentation: ds.uint16('x00280103') ?? 0,
    planarConfiguration: ds.uint16('x00280006') ?? 0,
    photometric: (ds.string('x00280004') ?? (base.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase(),
    rescaleSlope: num(ds, 'x00281053') ?? 1,
    rescaleIntercept: num(ds, 'x00281052') ?? 0,
    windowCenter: num(ds, 'x00281050'),
    windowWidth: num(ds, 'x00281051'),
    frames: Math.max(1, Math.trunc(num(ds, 'x00280008') ?? 1)),
    modality: ds.string('x00080060')?.trim() || null,
    instanceNumber: num(ds, 'x00200013'),
    littleEndian: true,
    pixelData: new Uint8Array(0),
    compressedFrames: [],
  };
}

/** An encapsulated image: its frames split out, its sample fields set to what the decoder will produce. */
function withFrames(ds: DataSet, pixel: Element, image: DicomImage, codec: FrameCodec): DicomParseResult {
  const split = encapsulatedFrames(ds, pixel, image.frames, codec);
  if (!split.ok) return { ok: false, problem: { kind: 'corrupt', detail: split.detail } };
  const decoded: DicomImage = { ...image, encoding: codec, compressedFrames: split.frames, littleEndian: true };
  if (codec === 'rle') {
    // RLE segments are byte planes, one sample after the other (PS3.5 G.2): planar whatever the tag says.
    decoded.planarConfiguration = 1;
  } else {
    // The browser hands back 8-bit RGB(A): YBR_FULL_422 / YBR_FULL already converted, samples interleaved.
    decoded.bitsAllocated = 8;
    decoded.planarConfiguration = 0;
    if (image.samplesPerPixel === 3) decoded.photometric = 'RGB';
  }
  return { ok: true, image: decoded };
}
