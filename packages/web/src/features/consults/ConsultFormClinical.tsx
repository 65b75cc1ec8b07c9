import { Fieldset, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { VITALS } from './consult-form';
import type { VitalKey } from './consult-form';
import { textFieldProps } from './consult-form-section';
import type { ConsultSectionProps } from './consult-form-section';

/** The clinical summary: history, examination, vitals, current treatment and the tests already done. */
export function ConsultClinicalSection(props: ConsultSectionProps) {
  const t = useT();
  const { values, change, err, disabled } = props;
  const text = (field: 'history' | 'examination' | 'currentTreatment' | 'testsDone', serverField: string) =>
    textFieldProps(props, field, serverField);
  return (
    <Fieldset legend={t('consult.form.clinicalSection')}>
      <Stack gap="sm">
        <Textarea
          label={t('consult.history')}
          description={t('consult.form.historyHint')}
          autosize
          minRows={3}
          maxLength={20_000}
          {...text('history', 'clinical.history')}
          data-testid="consult-history"
        />
        <Textarea
          label={t('consult.examination')}
          autosize
          minRows={3}
          maxLength={20_000}
          {...text('examination', 'clinical.examination')}
          data-testid="consult-examination"
        />
        <VitalsGrid
          values={values.vitals}
          disabled={disabled}
          err={err}
          onChange={(key, value) => change({ vitals: { ...values.vitals, [key]: value } }, `clinical.vitals.${key}`)}
        />
        <Textarea
          label={t('consult.currentTreatment')}
          autosize
          minRows={2}
          maxLength={10_000}
          {...text('currentTreatment', 'clinical.currentTreatment')}
        />
        <Textarea label={t('consult.testsDone')} autosize minRows={2} maxLength={10_000} {...text('testsDone', 'clinical.testsDone')} />
      </Stack>
    </Fieldset>
  );
}

/** The vital signs, each with its unit; a problem is named by `clinical.vitals.<key>`. */
function VitalsGrid({
  values,
  onChange,
  err,
  disabled,
}: {
  values: Record<VitalKey, string>;
  onChange: (key: VitalKey, value: string) => void;
  err: (field: string) => string | undefined;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Fieldset legend={t('consult.vitals')} variant="unstyled" p={0}>
      <SimpleGrid type="container" cols={{ base: 2, '36rem': 3 }} spacing="sm" data-testid="consult-vitals">
        {VITALS.map((v) => (
          <TextInput
            key={v.key}
            label={t(`consult.vital.${v.key}`)}
            rightSection={
              <Text size="xs" c="dimmed" pr={4}>
                {v.unit}
              </Text>
            }
            rightSectionWidth={v.unit.length > 4 ? 64 : 48}
            rightSectionPointerEvents="none"
            inputMode="decimal"
            autoComplete="off"
            value={values[v.key]}
            onChange={(e) => onChange(v.key, e.currentTarget.value)}
            error={err(`clinical.vitals.${v.key}`)}
            disabled={disabled}
            data-testid={`consult-vital-${v.key}`}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}
