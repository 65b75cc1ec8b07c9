import { createJPEGBasicOffsetTable, readEncapsulatedImageFrame, readEncapsulatedPixelDataFromFragments } from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import type { FrameCodec } from './dicom-syntax';

export type EncapsulatedFrames = { ok: true; frames: Uint8Array[] } | { ok: false; detail: string };

/**
 * The compressed bytes of each frame of encapsulated pixel data (PS3.5 A.4). A frame may span several fragments:
 * a single frame is all of them; with a basic offset table the table says where frames start; without one, one
 * fragment per frame when the counts match, else (JPEG only) the frames are found by their end-of-image markers.
 * RLE puts each frame in exactly one fragment (PS3.5 A.4.2), so nothing else is guessed.
 *
 * @example
 * const r = encapsulatedFrames(ds, ds.elements.x7fe00010, 3, 'jpeg');
 * if (r.ok) r.frames[0]; // one JPEG bitstream
 */
export function encapsulatedFrames(ds: DataSet, pixel: Element, frames: number, codec: FrameCodec): EncapsulatedFrames {
  const fragments = pixel.fragments ?? [];
  if (!pixel.encapsulatedPixelData || fragments.length === 0) return { ok: false, detail: 'Encapsulated pixel data has no fragments' };
  try {
    if (frames === 1) return { ok: true, frames: [readEncapsulatedPixelDataFromFragments(ds, pixel, 0, fragments.length)] };
    const table = pixel.basicOffsetTable ?? [];
    if (table.length === frames) return { ok: true, frames: range(frames).map((i) => readEncapsulatedImageFrame(ds, pixel, i)) };
    if (fragments.length === frames) {
      return { ok: true, frames: range(frames).map((i) => readEncapsulatedPixelDataFromFragments(ds, pixel, i, 1)) };
    }
    if (codec === 'jpeg') {
      const found = createJPEGBasicOffsetTable(ds, pixel);
      if (found.length !== frames) return { ok: false, detail: `Found ${found.length} JPEG frames, the header says ${frames}` };
      return { ok: true, frames: range(frames).map((i) => readEncapsulatedImageFrame(ds, pixel, i, found)) };
    }
    return { ok: false, detail: `${fragments.length} fragments for ${frames} RLE frames and no offset table` };
  } catch (error) {
    // dicom-parser throws strings.
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
