import { Fieldset, Stack, Textarea } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { textFieldProps } from './consult-form-section';
import type { ConsultSectionProps } from './consult-form-section';
import { Icd10Picker } from './Icd10Picker';

/** The question to the hub and the ICD-10 diagnoses so far. */
export function ConsultQuestionSection(props: ConsultSectionProps) {
  const t = useT();
  const { values, change, err, disabled } = props;
  return (
    <Fieldset legend={t('consult.form.questionSection')}>
      <Stack gap="sm">
        <Textarea
          label={t('consult.question')}
          description={t('consult.form.questionHint')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={5_000}
          {...textFieldProps(props, 'question', 'question')}
          data-testid="consult-question"
        />
        <Icd10Picker
          value={values.diagnoses}
          onChange={(diagnoses) => change({ diagnoses }, 'diagnoses')}
          error={err('diagnoses')}
          itemError={(i, f) => err(`diagnoses.${i}.${f}`)}
          withAsterisk
          disabled={disabled}
        />
      </Stack>
    </Fieldset>
  );
}
