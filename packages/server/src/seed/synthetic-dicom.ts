/**
 * Writes small, valid DICOM Part 10 files (explicit VR little endian, 16-bit monochrome CT-like slices) for the demo
 * data and the tests. No patient in them: the name is a placeholder.
 */

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
  const head = Buffer.alloc(LONG_VRS.has(vr) ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (LONG_VRS.has(vr)) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

const str = (s: string) => Buffer.from(s, 'latin1');
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

export interface SyntheticSlice {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  seriesNumber: number;
  instanceNumber: number;
  seriesDescription: string;
  modality?: string;
  rows?: number;
  columns?: number;
}

/**
 * One slice: a bright disc whose radius changes with the instance number on a darker background, so stepping
 * through the series visibly changes the image.
 *
 * @example
 * const bytes = syntheticDicom({ studyUid: '1.2.3', seriesUid: '1.2.3.1', sopInstanceUid: '1.2.3.1.1', seriesNumber: 1, instanceNumber: 1, seriesDescription: 'Axial' });
 */
export function syntheticDicom(s: SyntheticSlice): Buffer {
  const rows = s.rows ?? 64;
  const columns = s.columns ?? 64;
  const SOP_CLASS = '1.2.840.10008.5.1.4.1.1.2'; // CT Image Storage
  const TS = '1.2.840.10008.1.2.1'; // Explicit VR Little Endian
  const metaBody = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', str(SOP_CLASS)),
    element(0x0002, 0x0003, 'UI', str(s.sopInstanceUid)),
    element(0x0002, 0x0010, 'UI', str(TS)),
    element(0x0002, 0x0012, 'UI', str('1.2.826.0.1.3680043.10.1234')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  const pixels = Buffer.alloc(rows * columns * 2);
  const cx = columns / 2;
  const cy = rows / 2;
  const radius = (Math.min(rows, columns) / 6) * (1 + (s.instanceNumber % 5) / 4);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const d = Math.hypot(x - cx, y - cy);
      pixels.writeUInt16LE(d < radius ? 1200 + Math.round(x * 4) : 200 + Math.round(y * 2), (y * columns + x) * 2);
    }
  }
  const body = Buffer.concat([
    element(0x0008, 0x0016, 'UI', str(SOP_CLASS)),
    element(0x0008, 0x0018, 'UI', str(s.sopInstanceUid)),
    element(0x0008, 0x0020, 'DA', str('20261127')),
    element(0x0008, 0x0060, 'CS', str(s.modality ?? 'CT')),
    element(0x0008, 0x103e, 'LO', str(s.seriesDescription)),
    element(0x0010, 0x0010, 'PN', str('ANONYMOUS')),
    element(0x0020, 0x000d, 'UI', str(s.studyUid)),
    element(0x0020, 0x000e, 'UI', str(s.seriesUid)),
    element(0x0020, 0x0011, 'IS', str(String(s.seriesNumber))),
    element(0x0020, 0x0013, 'IS', str(String(s.instanceNumber))),
    element(0x0028, 0x0002, 'US', us(1)),
    element(0x0028, 0x0004, 'CS', str('MONOCHROME2')),
    element(0x0028, 0x0010, 'US', us(rows)),
    element(0x0028, 0x0011, 'US', us(columns)),
    element(0x0028, 0x0100, 'US', us(16)),
    element(0x0028, 0x0101, 'US', us(12)),
    element(0x0028, 0x0102, 'US', us(11)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x0028, 0x1050, 'DS', str('800')),
    element(0x0028, 0x1051, 'DS', str('1600')),
    element(0x7fe0, 0x0010, 'OW', pixels),
  ]);
  return Buffer.concat([Buffer.alloc(128), str('DICM'), element(0x0002, 0x0000, 'UL', groupLength), metaBody, body]);
}
