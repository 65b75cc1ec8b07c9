import type { Attachment } from '@vuonxa/core';

export interface DicomSeries {
  uid: string;
  studyUid: string;
  description: string | null;
  number: number | null;
  modality: string | null;
  /** Instances in order of their instance number (then file name). */
  instances: Attachment[];
}

export interface DicomStudy {
  uid: string;
  series: DicomSeries[];
}

const str = (a: Attachment, key: string): string | null => {
  const v = a.meta[key];
  return v === undefined || v === null || v === '' ? null : String(v);
};
const num = (a: Attachment, key: string): number | null => {
  const v = a.meta[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseFloat(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
const byNumber = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);

/**
 * DICOM attachments grouped by study, then series (from the meta the server read at upload), series by
 * series number and instances by instance number. Files without UIDs form their own series.
 *
 * @example
 * groupDicom(detail.attachments.filter((a) => a.kind === 'dicom'));
 */
export function groupDicom(attachments: readonly Attachment[]): DicomStudy[] {
  const studies = new Map<string, Map<string, DicomSeries>>();
  for (const a of attachments) {
    if (a.kind !== 'dicom') continue;
    const studyUid = str(a, 'studyUid') ?? 'unknown';
    const uid = str(a, 'seriesUid') ?? `file:${a.id}`;
    const study = studies.get(studyUid) ?? new Map<string, DicomSeries>();
    studies.set(studyUid, study);
    const series = study.get(uid) ?? {
      uid,
      studyUid,
      description: str(a, 'seriesDescription'),
      number: num(a, 'seriesNumber'),
      modality: str(a, 'modality'),
      instances: [],
    };
    series.instances.push(a);
    study.set(uid, series);
  }
  return [...studies.entries()].map(([uid, series]) => ({
    uid,
    series: [...series.values()]
      .map((s) => ({
        ...s,
        instances: [...s.instances].sort(
          (a, b) => byNumber(num(a, 'instanceNumber'), num(b, 'instanceNumber')) || a.filename.localeCompare(b.filename),
        ),
      }))
      .sort((a, b) => byNumber(a.number, b.number) || a.uid.localeCompare(b.uid)),
  }));
}
