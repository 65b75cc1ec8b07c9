import type { Attachment } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { groupDicom } from './dicom-series';

function dicom(id: string, meta: Attachment['meta']): Attachment {
  return {
    id,
    kind: 'dicom',
    filename: `${id}.dcm`,
    contentType: 'application/dicom',
    size: 1,
    sha256: '0'.repeat(64),
    caption: null,
    hasThumbnail: false,
    meta,
    messageId: null,
    addedBy: { id: 'u', name: 'U' },
    addedAt: '2026-01-05T08:00:00Z',
  };
}

describe('groupDicom', () => {
  it('groups by study and series, ordering series and instances by number', () => {
    const studies = groupDicom([
      dicom('c', { studyUid: 's1', seriesUid: 'a', seriesNumber: 2, instanceNumber: 2 }),
      dicom('a', { studyUid: 's1', seriesUid: 'a', seriesNumber: 2, instanceNumber: 1 }),
      dicom('b', { studyUid: 's1', seriesUid: 'b', seriesNumber: 1, instanceNumber: 1, modality: 'CT', seriesDescription: 'Axial' }),
      dicom('d', { studyUid: 's2', seriesUid: 'x', instanceNumber: '3' }),
    ]);
    expect(studies.map((s) => s.uid)).toEqual(['s1', 's2']);
    expect(studies[0]?.series.map((s) => s.uid)).toEqual(['b', 'a']);
    expect(studies[0]?.series[0]).toMatchObject({ modality: 'CT', description: 'Axial', number: 1 });
    expect(studies[0]?.series[1]?.instances.map((i) => i.id)).toEqual(['a', 'c']);
  });

  it('gives a file without UIDs its own series', () => {
    const studies = groupDicom([dicom('a', {}), dicom('b', {})]);
    expect(studies).toHaveLength(1);
    expect(studies[0]?.series).toHaveLength(2);
  });
});
