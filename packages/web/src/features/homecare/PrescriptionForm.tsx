import { Alert, Button, CloseButton, Group, Input, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { Prescription } from '@vuonxa/core';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { CareRefusalAlert } from './CareRefusalAlert';
import { careApi } from './homecare.api';
import { careRefusalOf } from './care-refusal';
import type { CareRefusal } from './care-refusal';
import {
  MAX_RX_ROWS,
  ROUTES,
  RX_ROW_FIELDS,
  checkPrescription,
  controlledRefusalOf,
  emptyRxRow,
  isRoute,
  isRxField,
  prescriptionInputOf,
} from './prescription-logic';
import type { ControlledRefusal, RxField, RxRow } from './prescription-logic';

/** The test id of each field of a row (the e2e test's names). */
const TEST_IDS: Record<RxField, string> = {
  drug: 'rx-drug',
  activeIngredient: 'rx-active-ingredient',
  strength: 'rx-strength',
  form: 'rx-form',
  dose: 'rx-dose',
  route: 'rx-route',
  frequency: 'rx-frequency',
  durationDays: 'rx-duration',
  quantity: 'rx-quantity',
  unit: 'rx-unit',
  instructions: 'rx-instructions',
};

/**
 * Step 6: the e-prescription (`POST /api/visits/:id/prescription`), one row per medicine. Issued once and never
 * changed; a controlled substance (narcotic, psychotropic, precursor) is refused by the server and said on the
 * row that holds it.
 */
export function PrescriptionForm({
  visitId,
  editable,
  onIssued,
}: {
  visitId: string;
  editable: boolean;
  onIssued: (p: Prescription) => void;
}) {
  const t = useT();
  const notify = useNotice();
  const nextKey = useRef(1);
  const [rows, setRows] = useState<RxRow[]>(() => [emptyRxRow('rx-0')]);
  const [advice, setAdvice] = useState('');
  const [busy, setBusy] = useState(false);
  const [controlled, setControlled] = useState<ControlledRefusal | null>(null);
  const [refusal, setRefusal] = useState<CareRefusal | null>(null);
  const [formRef, form] = useFormProblems(isRxField);

  function change(index: number, field: RxField, value: string): void {
    setRows((prev) =>
      prev.map((r, i) => {
        if (i !== index) return r;
        if (field === 'route') return isRoute(value) ? { ...r, route: value } : r;
        return { ...r, [field]: value };
      }),
    );
    form.clear(`items.${index}.${field}`);
    if (controlled?.index === index && (field === 'drug' || field === 'activeIngredient')) setControlled(null);
  }

  function add(): void {
    setRows((prev) => (prev.length >= MAX_RX_ROWS ? prev : [...prev, emptyRxRow(`rx-${nextKey.current++}`)]));
    form.clear('items');
  }

  function remove(index: number): void {
    // The rows after it move up: their problems no longer match their fields.
    for (let i = index; i < rows.length; i++) for (const f of RX_ROW_FIELDS) form.clear(`items.${i}.${f}`);
    setRows((prev) => prev.filter((_, i) => i !== index));
    if (controlled?.index !== null && controlled?.index !== undefined) {
      if (controlled.index === index) setControlled(null);
      else if (controlled.index > index) {
        const moved = controlled.index - 1;
        setControlled({ ...controlled, index: moved, field: `items.${moved}.drug` });
      }
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setRefusal(null);
    setControlled(null);
    const found = checkPrescription(rows, advice);
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      const issued = await careApi.prescribe(visitId, prescriptionInputOf(rows, advice));
      notify({ color: 'green', message: t('rx.issuedNotice', { code: issued.code }) });
      onIssued(issued);
    } catch (error) {
      const hit = controlledRefusalOf(error);
      const refused = hit ? null : careRefusalOf(error);
      if (hit) {
        setControlled(hit);
        form.showLocal({});
      } else if (refused) setRefusal(refused);
      else form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  const classLabel = (drugClass: string | null): string => {
    const key = `rx.class.${drugClass ?? 'other'}`;
    return t.has(key) ? t(key) : t('rx.class.other');
  };

  const text = (index: number, field: Exclude<RxField, 'route'>, opts: { required?: boolean; max: number; placeholder?: string }) => (
    <TextInput
      label={t(`rx.field.${field}`)}
      withAsterisk={opts.required}
      placeholder={opts.placeholder}
      value={rows[index]?.[field] ?? ''}
      disabled={!editable}
      inputMode={field === 'durationDays' || field === 'quantity' ? 'decimal' : undefined}
      onChange={(e) => change(index, field, e.currentTarget.value)}
      error={form.err(`items.${index}.${field}`)}
      maxLength={opts.max}
      data-testid={TEST_IDS[field]}
    />
  );

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="rx-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('rx.form.intro')}
        </Text>
        {rows.map((row, i) => {
          const refusedHere = controlled !== null && (controlled.index === i || (controlled.index === null && i === 0));
          return (
            <Paper key={row.key} withBorder p="sm" role="group" aria-labelledby={`${row.key}-title`} data-testid="rx-row" data-index={i}>
              <Group justify="space-between" gap="xs" mb="xs">
                <Text fw={700} id={`${row.key}-title`}>
                  {t('rx.row', { number: i + 1 })}
                </Text>
                {rows.length > 1 && (
                  <CloseButton
                    onClick={() => remove(i)}
                    disabled={!editable}
                    aria-label={t('rx.remove', { number: i + 1 })}
                    data-testid="rx-remove"
                  />
                )}
              </Group>
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                  {text(i, 'drug', { required: true, max: 200, placeholder: t('rx.placeholder.drug') })}
                  {text(i, 'activeIngredient', { max: 200, placeholder: t('rx.placeholder.activeIngredient') })}
                </SimpleGrid>
                {refusedHere && (
                  <Alert color="red" role="alert" tabIndex={-1} data-testid="rx-refused" data-field={controlled.field}>
                    {t('rx.controlled', { class: classLabel(controlled.drugClass) })}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                  {text(i, 'strength', { required: true, max: 50, placeholder: t('rx.placeholder.strength') })}
                  {text(i, 'form', { required: true, max: 50, placeholder: t('rx.placeholder.form') })}
                  {text(i, 'dose', { required: true, max: 100, placeholder: t('rx.placeholder.dose') })}
                  <NativeSelect
                    label={t('rx.field.route')}
                    withAsterisk
                    value={row.route}
                    disabled={!editable}
                    onChange={(e) => change(i, 'route', e.currentTarget.value)}
                    error={form.err(`items.${i}.route`)}
                    data={ROUTES.map((r) => ({ value: r, label: t(`rx.route.${r}`) }))}
                    data-testid="rx-route"
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                  {text(i, 'frequency', { required: true, max: 100, placeholder: t('rx.placeholder.frequency') })}
                  {text(i, 'durationDays', { required: true, max: 2 })}
                  {text(i, 'quantity', { required: true, max: 8 })}
                  {text(i, 'unit', { required: true, max: 30, placeholder: t('rx.placeholder.unit') })}
                </SimpleGrid>
                {text(i, 'instructions', { max: 500, placeholder: t('rx.placeholder.instructions') })}
              </Stack>
            </Paper>
          );
        })}
        {form.err('items') && <Input.Error role="alert">{form.err('items')}</Input.Error>}
        <Button variant="light" onClick={add} disabled={!editable || rows.length >= MAX_RX_ROWS} w="fit-content" data-testid="rx-add">
          {t('rx.add')}
        </Button>
        <Textarea
          label={t('rx.advice')}
          value={advice}
          disabled={!editable}
          onChange={(e) => {
            setAdvice(e.currentTarget.value);
            form.clear('advice');
          }}
          error={form.err('advice')}
          autosize
          minRows={2}
          maxLength={2_000}
          data-testid="rx-advice"
        />
        <FormAlert problem={form.formProblem} />
        {refusal && <CareRefusalAlert refusal={refusal} testId="rx-refusal" />}
        <Button type="submit" size="md" loading={busy} disabled={!editable} w="fit-content" data-testid="rx-submit">
          {t('rx.submit')}
        </Button>
      </Stack>
    </form>
  );
}
