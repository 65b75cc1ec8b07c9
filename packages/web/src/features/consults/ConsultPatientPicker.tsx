import { Button, Group, Input, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { PatientSearchResults, usePatientSearch } from '../patients/PatientSearchResults';
import { RegisterPatientModal } from '../patients/RegisterPatientModal';
import { patientsApi } from '../patients/patients.api';
import { valuesFromSearch } from '../patients/patient-form';
import type { PatientRef } from './consult-form';

interface Props {
  value: PatientRef | null;
  onChange: (patient: PatientRef | null) => void;
  /** Where the patient is searched and registered: the requesting facility. */
  facilityId: string;
  error?: string;
  disabled?: boolean;
}

/**
 * The request's patient: search the facility's patients (name without accents, CCCD, insurance), or register
 * one in a dialog without losing the form.
 */
export function ConsultPatientPicker({ value, onChange, facilityId, error, disabled }: Props) {
  const t = useT();
  const notify = useNotice();
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const results = usePatientSearch(value ? '' : q, facilityId);

  if (value) {
    return (
      <Input.Wrapper label={t('consult.patient')} withAsterisk>
        <Paper withBorder p="sm" radius="sm" mt={4} data-testid="consult-patient-chosen">
          <Group justify="space-between" gap="xs">
            <Stack gap={0}>
              <Text fw={600}>{value.fullName}</Text>
              <Text size="sm" c="dimmed">
                {formatDate(value.birthDate, t.locale)} · {t(`patient.sex.${value.sex}`)}
              </Text>
            </Stack>
            {!disabled && (
              <Button variant="light" size="xs" onClick={() => onChange(null)} data-testid="consult-patient-change">
                {t('consult.form.changePatient')}
              </Button>
            )}
          </Group>
        </Paper>
      </Input.Wrapper>
    );
  }

  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label={t('consult.patient')}
        description={t('patient.search.description')}
        withAsterisk
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        error={error}
        disabled={disabled}
        autoComplete="off"
        data-testid="consult-patient-picker"
      />
      <div aria-live="polite" aria-busy={results.loading}>
        <PatientSearchResults
          results={results}
          testId="consult-patient-results"
          action={(p) => (
            <Button
              size="xs"
              variant="light"
              onClick={() => onChange({ id: p.id, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex })}
              aria-label={t('consult.form.choosePatientNamed', { name: p.fullName })}
              data-testid="consult-patient-choose"
            >
              {t('consult.form.choosePatient')}
            </Button>
          )}
        />
      </div>
      <Group>
        <Button variant="default" size="sm" onClick={() => setRegistering(true)} disabled={disabled} data-testid="patient-register">
          {t('patient.register')}
        </Button>
      </Group>
      <RegisterPatientModal
        opened={registering}
        onClose={() => setRegistering(false)}
        facilityId={facilityId}
        initial={valuesFromSearch(q)}
        onRegistered={(p, matched) => {
          if (matched) notify({ color: 'blue', message: t('patient.linked', { name: p.fullName }) });
          onChange({ id: p.id, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex });
          setRegistering(false);
        }}
        onOpenExisting={(patientId) => {
          patientsApi.get(patientId).then(
            (p) => {
              onChange({ id: p.id, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex });
              setRegistering(false);
            },
            (err: unknown) => notify({ color: 'red', message: errorMessage(t, err) }),
          );
        }}
      />
    </Stack>
  );
}
