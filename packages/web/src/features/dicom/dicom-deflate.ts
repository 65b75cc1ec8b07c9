import { readPart10Header } from 'dicom-parser';
import { fileSyntax, parseDicomImage } from './dicom-parse';
import type { DicomParseResult } from './dicom-render';
import { DEFLATED } from './dicom-syntax';

/**
 * Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, PS3.5 A.5): the file meta group is plain, the data
 * set after it is raw deflate (RFC 1951, no zlib header), padded to an even length.
 */

/** Where the data set starts: after the last element of the file meta group. */
function dataSetOffset(bytes: Uint8Array): number | null {
  try {
    const meta = readPart10Header(bytes);
    return Math.max(...Object.values(meta.elements).map((e) => e.dataOffset + e.length));
  } catch {
    return null;
  }
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates the data set of a deflated file. Chromium's DecompressionStream refuses bytes after the end of the
 * deflate stream, so when the file's even-length pad byte is there it is tried again without it.
 */
export async function inflateDataSet(bytes: Uint8Array): Promise<{ ok: true; dataSet: Uint8Array } | { ok: false; detail: string }> {
  const at = dataSetOffset(bytes);
  if (at === null || !Number.isFinite(at) || at > bytes.length)
    return { ok: false, detail: 'No file meta group before the deflated data set' };
  const deflated = bytes.subarray(at);
  try {
    return { ok: true, dataSet: await inflateRaw(deflated) };
  } catch (error) {
    if (deflated.length > 0 && deflated[deflated.length - 1] === 0) {
      try {
        return { ok: true, dataSet: await inflateRaw(deflated.subarray(0, -1)) };
      } catch {
        // Fall through to the first error, which describes the stream as sent.
      }
    }
    return { ok: false, detail: `Deflated data set: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Any Part 10 file into what the viewer renders: a deflated one is inflated first (asynchronously), every other
 * one goes straight to the synchronous `parseDicomImage`.
 *
 * @example
 * const r = await parseDicomFile(new Uint8Array(await res.arrayBuffer()));
 */
export async function parseDicomFile(bytes: Uint8Array): Promise<DicomParseResult> {
  if (fileSyntax(bytes) !== DEFLATED) return parseDicomImage(bytes);
  const inflated = await inflateDataSet(bytes);
  if (!inflated.ok) return { ok: false, problem: { kind: 'corrupt', detail: inflated.detail } };
  return parseDicomImage(inflated.dataSet, { inflatedFrom: DEFLATED });
}
