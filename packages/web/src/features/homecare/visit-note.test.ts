import { describe, expect, it } from 'vitest';
import { NOTE } from './visit.fixtures';
import { checkNote, fromPickerKind, noteInputOf, noteValuesOf, toPickerKind } from './visit-note';
import type { NoteValues } from './visit-note';

describe('the note', () => {
  const values: NoteValues = { ...noteValuesOf(null), complaint: 'Đau đầu', diagnoses: [{ code: 'I10', kind: 'main' }] };

  it('needs a complaint and a diagnosis, and a follow-up of 0 to 365 days when given', () => {
    expect(checkNote(values)).toEqual({});
    expect(Object.keys(checkNote(noteValuesOf(null))).sort()).toEqual(['complaint', 'diagnoses']);
    expect(Object.keys(checkNote({ ...values, followUpDays: '366' }))).toEqual(['followUp.inDays']);
    expect(Object.keys(checkNote({ ...values, followUpDays: '1.5' }))).toEqual(['followUp.inDays']);
    expect(checkNote({ ...values, followUpDays: '0' })).toEqual({});
  });

  it('sends an empty follow-up as null and trims the text', () => {
    expect(noteInputOf({ ...values, complaint: ' Đau đầu ', followUpDays: ' ' }).followUp).toEqual({ inDays: null, instructions: '' });
    expect(noteInputOf({ ...values, followUpDays: '14' }).followUp.inDays).toBe(14);
    expect(noteInputOf({ ...values, diagnoses: [{ code: 'I10', kind: 'main', nameVi: 'Tăng huyết áp' }] }).diagnoses).toEqual([
      { code: 'I10', kind: 'main' },
    ]);
  });

  it('round-trips a saved note', () => {
    expect(noteInputOf(noteValuesOf(NOTE))).toEqual(NOTE);
  });

  it('maps the picker’s working/differential to main/secondary', () => {
    expect(toPickerKind('main')).toBe('working');
    expect(fromPickerKind(toPickerKind('secondary'))).toBe('secondary');
  });
});
