import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { ConsultReport } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { Icd10Picker } from '../consults/Icd10Picker';
import { checkReportForm, toReportInput } from './report-form';
import type { ParticipantRow, ReportFormValues } from './report-form';
import { reportErrorMessage } from './report-error';
import { reportsApi } from './reports.api';

type TextField = 'caseSummary' | 'discussion' | 'conclusion' | 'treatment' | 'recommendedTests' | 'referralNote';

const FIELDS = [
  'heldAt',
  'places',
  'chairUserId',
  'secretaryUserId',
  'participants',
  'caseSummary',
  'discussion',
  'conclusion',
  'diagnoses',
  'treatment',
  'recommendedTests',
  'referralNeeded',
  'referralNote',
];
// The server names fields inside the body's `content`.
const local = (field: string) => field.replace(/^content\./, '');
const shown = (f: string) => {
  const name = local(f);
  return FIELDS.includes(name) || /^participants\.\d+\.(name|role|facility)$/.test(name) || /^(places|diagnoses)\.\d+/.test(name);
};

interface Props {
  consultId: string;
  /** The saved draft, or null before the first save. */
  report: ConsultReport | null;
  initial: ReportFormValues;
  /** Who may be chair, secretary or signer: the request's specialists and the hub's. */
  people: readonly { id: string; name: string }[];
  onSaved: (report: ConsultReport) => void;
  onFrozen: (report: ConsultReport) => void;
}

/**
 * The draft of the report (biên bản hội chẩn), then "send for signature": the chair always signs, the specialists
 * ticked sign too. Sending saves what is on screen first, so what is frozen is what was read.
 */
export function ReportEditor({ consultId, report, initial, people, onSaved, onFrozen }: Props) {
  const t = useT();
  const notify = useNotice();
  const [values, setValues] = useState<ReportFormValues>(initial);
  const [saved, setSaved] = useState<ReportFormValues | null>(report ? initial : null);
  const [signers, setSigners] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'freeze' | null>(null);
  const [freezeError, setFreezeError] = useState<unknown>(null);
  const [formRef, form] = useFormProblems(shown);
  // Problems are keyed without the `content.` prefix the server adds.
  const err = (field: string) => form.err(field) ?? form.err(`content.${field}`);
  const clear = (field: string) => {
    form.clear(field);
    form.clear(`content.${field}`);
  };

  const set = <K extends keyof ReportFormValues>(field: K, value: ReportFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    clear(field);
  };
  const text = (field: TextField) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => set(field, e.currentTarget.value),
    error: err(field),
  });
  const personOptions = [{ value: '', label: t('common.choose') }, ...people.map((p) => ({ value: p.id, label: p.name }))];
  const setRow = (i: number, patch: Partial<ParticipantRow>) =>
    set(
      'participants',
      values.participants.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    );

  /** Saves the form; the saved report, or null when something is wrong (shown on the form). */
  async function save(): Promise<ConsultReport | null> {
    const found = checkReportForm(values);
    if (Object.keys(found).length > 0) {
      const problems: Record<string, Problem> = {};
      for (const [field, key] of Object.entries(found)) problems[field] = { key };
      form.showLocal(problems);
      return null;
    }
    try {
      const next = await reportsApi.save(consultId, toReportInput(values));
      setSaved(values);
      onSaved(next);
      return next;
    } catch (error) {
      form.showError(error);
      return null;
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy('save');
    const next = await save();
    setBusy(null);
    if (next) notify({ color: 'green', message: t('report.saved') });
  }

  async function freeze(): Promise<void> {
    setBusy('freeze');
    setFreezeError(null);
    try {
      const draft = saved === values && report ? report : await save();
      if (!draft) return;
      const frozen = await reportsApi.freeze(
        draft.id,
        signers.filter((id) => id !== values.chairUserId),
      );
      notify({ color: 'green', message: t('report.frozen') });
      onFrozen(frozen);
    } catch (error) {
      setFreezeError(error);
    } finally {
      setBusy(null);
    }
  }

  const chairName = people.find((p) => p.id === values.chairUserId)?.name;
  const signerChoices = people.filter((p) => p.id !== values.chairUserId);

  return (
    <Stack gap="md">
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="report-editor">
        <Stack gap="md">
          <FormAlert problem={form.formProblem} />
          <Fieldset legend={t('report.title')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="datetime-local"
                label={t('report.heldAt')}
                value={values.heldAt}
                onChange={(e) => set('heldAt', e.currentTarget.value)}
                error={err('heldAt')}
                withAsterisk
                data-testid="report-held-at"
              />
              <TagsInput
                label={t('report.places')}
                description={t('report.placesHint')}
                value={values.places}
                onChange={(v) => set('places', v)}
                maxTags={30}
                error={err('places')}
                withAsterisk
                data-testid="report-places"
              />
              <NativeSelect
                label={t('report.chair')}
                value={values.chairUserId}
                data={personOptions}
                onChange={(e) => {
                  set('chairUserId', e.currentTarget.value);
                  clear('secretaryUserId');
                }}
                error={err('chairUserId')}
                withAsterisk
                data-testid="report-chair"
              />
              <NativeSelect
                label={t('report.secretary')}
                value={values.secretaryUserId}
                data={personOptions}
                onChange={(e) => set('secretaryUserId', e.currentTarget.value)}
                error={err('secretaryUserId')}
                withAsterisk
                data-testid="report-secretary"
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('report.participants')}>
            <Stack gap="xs">
              {values.participants.map((p, i) => (
                <Group key={i} align="flex-start" gap="xs" wrap="nowrap" data-testid="report-participant">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }} spacing="xs">
                    <TextInput
                      label={t('report.participant.name')}
                      value={p.name}
                      onChange={(e) => setRow(i, { name: e.currentTarget.value })}
                      error={err(`participants.${i}.name`)}
                      maxLength={200}
                    />
                    <TextInput
                      label={t('report.participant.role')}
                      value={p.role}
                      onChange={(e) => setRow(i, { role: e.currentTarget.value })}
                      maxLength={200}
                    />
                    <TextInput
                      label={t('report.participant.facility')}
                      value={p.facility}
                      onChange={(e) => setRow(i, { facility: e.currentTarget.value })}
                      maxLength={300}
                    />
                  </SimpleGrid>
                  <ActionIcon
                    mt={26}
                    variant="subtle"
                    color="red"
                    aria-label={t('report.participant.remove', { index: i + 1 })}
                    onClick={() =>
                      set(
                        'participants',
                        values.participants.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                disabled={values.participants.length >= 60}
                onClick={() => set('participants', [...values.participants, { name: '', role: '', facility: '' }])}
              >
                {t('report.participant.add')}
              </Button>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('report.caseSummary')}>
            <Stack gap="sm">
              <Textarea
                label={t('report.caseSummary')}
                autosize
                minRows={4}
                maxLength={20_000}
                withAsterisk
                {...text('caseSummary')}
                data-testid="report-case-summary"
              />
              <Textarea
                label={t('report.discussion')}
                autosize
                minRows={4}
                maxLength={50_000}
                {...text('discussion')}
                data-testid="report-discussion"
              />
              <Icd10Picker
                label={t('report.diagnoses')}
                value={values.diagnoses}
                onChange={(v) => set('diagnoses', v)}
                error={err('diagnoses')}
                itemError={(i, field) => err(`diagnoses.${i}.${field}`)}
                withAsterisk
              />
              <Textarea
                label={t('report.conclusion')}
                autosize
                minRows={3}
                maxLength={20_000}
                withAsterisk
                {...text('conclusion')}
                data-testid="report-conclusion"
              />
              <Textarea
                label={t('report.treatment')}
                autosize
                minRows={3}
                maxLength={20_000}
                {...text('treatment')}
                data-testid="report-treatment"
              />
              <Textarea
                label={t('report.recommendedTests')}
                autosize
                minRows={2}
                maxLength={10_000}
                {...text('recommendedTests')}
                data-testid="report-tests"
              />
              <Switch
                label={t('report.referralNeeded')}
                checked={values.referralNeeded}
                onChange={(e) => set('referralNeeded', e.currentTarget.checked)}
                data-testid="report-referral"
              />
              {values.referralNeeded && (
                <Textarea label={t('report.referralNote')} autosize minRows={2} maxLength={2_000} {...text('referralNote')} />
              )}
            </Stack>
          </Fieldset>
          <Group justify="flex-end">
            <Button
              type="submit"
              variant={report ? 'default' : 'filled'}
              loading={busy === 'save'}
              disabled={busy !== null}
              data-testid="report-save"
            >
              {t('report.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      {report && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-freeze-title">
          <Stack gap="sm">
            <Text fw={600} id="report-freeze-title">
              {t('report.freezeTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('report.freezeHint')}
            </Text>
            {chairName && (
              <Checkbox
                checked
                disabled
                label={t('report.chairSigns', { name: chairName })}
                data-testid={`report-signer-${values.chairUserId}`}
              />
            )}
            <Checkbox.Group value={signers} onChange={setSigners} label={t('report.signers')}>
              <Stack gap={6} mt={6}>
                {signerChoices.map((p) => (
                  <Checkbox key={p.id} value={p.id} label={p.name} data-testid={`report-signer-${p.id}`} />
                ))}
              </Stack>
            </Checkbox.Group>
            {freezeError !== null && (
              <Alert color="red" role="alert">
                {reportErrorMessage(t, freezeError)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button onClick={() => void freeze()} loading={busy === 'freeze'} disabled={busy !== null} data-testid="report-freeze">
                {t('report.freeze')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
