import type { VisitNote } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';

// ——— The note ———

export type DiagnosisKind = 'main' | 'secondary';

export interface NoteDiagnosis {
  code: string;
  kind: DiagnosisKind;
  nameVi?: string;
  nameEn?: string | null;
}

export interface NoteValues {
  complaint: string;
  findings: string;
  diagnoses: NoteDiagnosis[];
  advice: string;
  /** Digits as typed; '' for no follow-up. */
  followUpDays: string;
  followUpInstructions: string;
}

export const NOTE_FIELDS = ['complaint', 'findings', 'diagnoses', 'advice', 'followUp.inDays', 'followUp.instructions'] as const;

export function noteValuesOf(note: VisitNote | null): NoteValues {
  return {
    complaint: note?.complaint ?? '',
    findings: note?.findings ?? '',
    diagnoses: (note?.diagnoses ?? []).map((d) => ({ code: d.code, kind: d.kind })),
    advice: note?.advice ?? '',
    followUpDays: note?.followUp.inDays === null || note?.followUp.inDays === undefined ? '' : String(note.followUp.inDays),
    followUpInstructions: note?.followUp.instructions ?? '',
  };
}

/** A whole number in a range from what was typed, or null (empty, decimals, letters, out of range). */
export function parseWhole(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Problems of the note before it is sent, by the server's field names (`visitNoteSchema`). */
export function checkNote(values: NoteValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (values.complaint.trim().length < 2) found['complaint'] = { key: 'care.note.complaintRequired' };
  if (values.diagnoses.length === 0) found['diagnoses'] = { key: 'care.note.diagnosisRequired' };
  else if (values.diagnoses.length > 10) found['diagnoses'] = { key: 'care.note.diagnosisMax', params: { max: 10 } };
  if (values.followUpDays.trim() !== '' && parseWhole(values.followUpDays, 0, 365) === null)
    found['followUp.inDays'] = { key: 'care.form.range', params: { min: 0, max: 365 } };
  return found;
}

export function noteInputOf(values: NoteValues): VisitNote {
  return {
    complaint: values.complaint.trim(),
    findings: values.findings.trim(),
    diagnoses: values.diagnoses.map((d) => ({ code: d.code, kind: d.kind })),
    advice: values.advice.trim(),
    followUp: {
      inDays: values.followUpDays.trim() === '' ? null : parseWhole(values.followUpDays, 0, 365),
      instructions: values.followUpInstructions.trim(),
    },
  };
}

// The consults picker speaks of working and differential diagnoses; a visit note of main and secondary ones.
export function toPickerKind(kind: DiagnosisKind): 'working' | 'differential' {
  return kind === 'main' ? 'working' : 'differential';
}
export function fromPickerKind(kind: 'working' | 'differential'): DiagnosisKind {
  return kind === 'working' ? 'main' : 'secondary';
}
