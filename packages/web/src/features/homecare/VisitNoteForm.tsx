import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { icd10EntrySchema } from '@vuonxa/core';
import type { VisitDetail } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { Icd10Picker } from '../consults/Icd10Picker';
import type { DiagnosisValue } from '../consults/Icd10Picker';
import { CareRefusalAlert } from './CareRefusalAlert';
import { careApi } from './homecare.api';
import { careRefusalOf } from './care-refusal';
import type { CareRefusal } from './care-refusal';
import { NOTE_FIELDS, checkNote, fromPickerKind, noteInputOf, noteValuesOf, toPickerKind } from './visit-note';
import type { NoteValues } from './visit-note';

const MAX_NOTE_DIAGNOSES = 10;
const isNoteField = (f: string) => (NOTE_FIELDS as readonly string[]).includes(f) || /^diagnoses\.\d+\.code$/.test(f);

/**
 * Step 5: the visit note (`PUT /api/visits/:id/note`) — complaint, findings, ICD-10 diagnoses (main and
 * secondary, searched with the consults' picker), advice and the follow-up. Saved again as often as needed
 * while the visit is in progress.
 */
export function VisitNoteForm({
  visit: v,
  editable,
  onSaved,
}: {
  visit: VisitDetail;
  editable: boolean;
  onSaved: (v: VisitDetail) => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [values, setValues] = useState<NoteValues>(() => noteValuesOf(v.note));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CareRefusal | null>(null);
  const [formRef, form] = useFormProblems(isNoteField);
  const savedNames = useSavedDiagnosisNames(v);

  function set<K extends keyof NoteValues>(key: K, value: NoteValues[K], field: string = key): void {
    setValues((prev) => ({ ...prev, [key]: value }));
    form.clear(field);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    const found = checkNote(values);
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      const saved = await careApi.note(v.id, noteInputOf(values));
      notify({ color: 'green', message: t('care.note.saved') });
      onSaved(saved);
    } catch (error) {
      const refused = careRefusalOf(error);
      if (refused) setRefusal(refused);
      else form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  const pickerValue: DiagnosisValue[] = values.diagnoses.map((d) => {
    const saved = savedNames.get(d.code);
    return {
      code: d.code,
      kind: toPickerKind(d.kind),
      note: null,
      nameVi: d.nameVi || saved?.nameVi || '',
      nameEn: d.nameEn || saved?.nameEn || null,
    };
  });

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="visit-note-form">
      <Stack gap="sm">
        <Textarea
          label={t('care.note.complaint')}
          withAsterisk
          value={values.complaint}
          disabled={!editable}
          onChange={(e) => set('complaint', e.currentTarget.value)}
          error={form.err('complaint')}
          autosize
          minRows={2}
          maxLength={4_000}
          data-testid="visit-note-complaint"
        />
        <Textarea
          label={t('care.note.findings')}
          description={t('care.note.findingsHint')}
          value={values.findings}
          disabled={!editable}
          onChange={(e) => set('findings', e.currentTarget.value)}
          error={form.err('findings')}
          autosize
          minRows={2}
          maxLength={8_000}
          data-testid="visit-note-findings"
        />
        <Icd10Picker
          label={t('care.note.diagnoses')}
          description={t('care.note.diagnosesHint')}
          value={pickerValue}
          onChange={(list) => {
            set(
              'diagnoses',
              list.map((d) => ({ code: d.code, kind: fromPickerKind(d.kind), nameVi: d.nameVi, nameEn: d.nameEn ?? null })),
            );
            list.forEach((_, i) => form.clear(`diagnoses.${i}.code`));
          }}
          error={form.err('diagnoses')}
          itemError={(i, field) => (field === 'code' ? form.err(`diagnoses.${i}.code`) : undefined)}
          withAsterisk
          disabled={!editable}
          testId="visit-note-diagnosis"
          kindLabels={{ working: t('care.note.kind.main'), differential: t('care.note.kind.secondary') }}
          withNote={false}
          max={MAX_NOTE_DIAGNOSES}
        />
        <Textarea
          label={t('care.note.advice')}
          value={values.advice}
          disabled={!editable}
          onChange={(e) => set('advice', e.currentTarget.value)}
          error={form.err('advice')}
          autosize
          minRows={2}
          maxLength={4_000}
          data-testid="visit-note-advice"
        />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('care.note.followUpDays')}
            description={t('care.note.followUpDaysHint')}
            inputMode="numeric"
            value={values.followUpDays}
            disabled={!editable}
            onChange={(e) => set('followUpDays', e.currentTarget.value, 'followUp.inDays')}
            error={form.err('followUp.inDays')}
            maxLength={3}
            w={200}
            data-testid="visit-note-followup-days"
          />
          <Textarea
            label={t('care.note.followUpInstructions')}
            value={values.followUpInstructions}
            disabled={!editable}
            onChange={(e) => set('followUpInstructions', e.currentTarget.value, 'followUp.instructions')}
            error={form.err('followUp.instructions')}
            autosize
            minRows={1}
            maxLength={2_000}
            style={{ flex: '1 1 240px' }}
            data-testid="visit-note-followup-instructions"
          />
        </Group>
        <FormAlert problem={form.formProblem} />
        {refusal && <CareRefusalAlert refusal={refusal} testId="visit-note-refused" />}
        {editable && (
          <Button type="submit" size="md" loading={busy} w="fit-content" data-testid="visit-note-save">
            {v.note ? t('care.note.update') : t('care.note.save')}
          </Button>
        )}
      </Stack>
    </form>
  );
}

const icd10ListSchema = z.array(icd10EntrySchema);

/**
 * A saved note keeps only the codes: their names are looked up once (`GET /api/icd10?q=<code>`) so the doctor
 * reads "I10 Tăng huyết áp" rather than a bare code. Codes picked since carry their names already.
 */
function useSavedDiagnosisNames(v: VisitDetail): ReadonlyMap<string, { nameVi: string; nameEn: string | null }> {
  const codes = (v.note?.diagnoses ?? []).map((d) => d.code);
  const names = useQuery(`icd10-names:${codes.join(',')}`, (signal) =>
    Promise.all(
      codes.map((code) =>
        api
          .get('/api/icd10', icd10ListSchema, { query: { q: code, limit: 5 }, signal })
          .then((list) => list.find((e) => e.code === code) ?? null)
          .catch(() => null),
      ),
    ),
  );
  return new Map((names.data ?? []).flatMap((e) => (e ? [[e.code, { nameVi: e.nameVi, nameEn: e.nameEn }] as const] : [])));
}
