import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { navigate, useSearchParams } from '../../router';
import { useMe } from '../auth/use-session';
import { PatientSearchResults, usePatientSearch } from './PatientSearchResults';
import { RegisterPatientModal } from './RegisterPatientModal';
import { valuesFromSearch } from './patient-form';

const patientHref = (id: string, extra = '') => `/patients/${encodeURIComponent(id)}${extra}`;

/** `/patients` (`patient.manage`): find a patient by name (accents optional), citizen ID or insurance number, or register one. */
export function PatientsPage() {
  const t = useT();
  const me = useMe();
  const notify = useNotice();
  const params = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [registering, setRegistering] = useState(false);
  const results = usePatientSearch(q, null);
  const facilityId = me.activeFacilityId;

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('patient.title')}
        </Title>
        <Button onClick={() => setRegistering(true)} disabled={!facilityId} data-testid="patient-register">
          {t('patient.register')}
        </Button>
      </Group>
      {!facilityId && <Alert color="yellow">{t('patient.noFacility')}</Alert>}
      <TextInput
        type="search"
        label={t('patient.search.label')}
        description={t('patient.search.description')}
        value={q}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setQ(next);
          navigate(`/patients${next.trim() ? `?q=${encodeURIComponent(next.trim())}` : ''}`, { replace: true, keepScroll: true });
        }}
        maw={560}
        autoComplete="off"
        data-testid="patient-search"
      />
      <div aria-live="polite" aria-busy={results.loading}>
        <PatientSearchResults results={results} testId="patient-results" />
      </div>
      {facilityId && (
        <RegisterPatientModal
          opened={registering}
          onClose={() => setRegistering(false)}
          facilityId={facilityId}
          initial={valuesFromSearch(q)}
          onOpenExisting={(id) => navigate(patientHref(id))}
          onRegistered={(patient, matched) => {
            notify({ color: 'green', message: t(matched ? 'patient.linked' : 'patient.registered', { name: patient.fullName }) });
            navigate(patientHref(patient.id, matched ? '?matched=1' : ''));
          }}
        />
      )}
    </Stack>
  );
}
