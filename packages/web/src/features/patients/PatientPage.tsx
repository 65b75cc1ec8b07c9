import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Patient } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link, navigate, useSearchParams } from '../../router';
import { useMe } from '../auth/use-session';
import { PatientForm } from './PatientForm';
import { patientsApi } from './patients.api';
import { patientValuesOf } from './patient-form';

/** `/patients/:id`: the record (every read audited), corrected in place. */
export function PatientPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const patient = useQuery(`patient:${id}`, (signal) => patientsApi.get(id, signal));
  return (
    <Stack gap="md" maw={1100}>
      <QueryState query={patient} skeleton={<Skeleton h={320} />}>
        {(p) => <PatientBody patient={p} onSaved={patient.reload} />}
      </QueryState>
    </Stack>
  );
}

function PatientBody({ patient: p, onSaved }: { patient: Patient; onSaved: () => void }) {
  const t = useT();
  const me = useMe();
  const notify = useNotice();
  const search = useSearchParams();
  const [editing, setEditing] = useState(false);
  const canRequest = me.permissions.includes('consult.create');
  return (
    <>
      <Stack gap={4}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} href="/patients" size="sm">
            {t('patient.title')}
          </Anchor>
          <Text size="sm">{p.fullName}</Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2" data-testid="patient-title" style={{ flex: '1 1 320px' }}>
            {p.fullName}
          </Title>
          <Group gap="xs">
            {canRequest && (
              <Button component={Link} href={`/consults/new?patientId=${encodeURIComponent(p.id)}`} variant="light">
                {t('consult.new')}
              </Button>
            )}
            {!editing && (
              <Button variant="light" onClick={() => setEditing(true)} data-testid="patient-edit">
                {t('patient.edit')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
      {search.get('matched') === '1' && (
        <Alert color="blue" data-testid="patient-matched">
          {t('patient.matchedExplained')}
        </Alert>
      )}
      {editing ? (
        <PatientForm
          initial={patientValuesOf(p)}
          submitLabel={t('common.save')}
          onCancel={() => setEditing(false)}
          onOpenExisting={(other) => navigate(`/patients/${encodeURIComponent(other)}`)}
          onSave={async (input) => {
            await patientsApi.update(p.id, input);
            notify({ color: 'green', message: t('common.saved') });
            setEditing(false);
            onSaved();
          }}
        />
      ) : (
        <Paper withBorder p="md" radius="md">
          <DetailList
            testId="patient-details"
            items={[
              { label: t('patient.birthDate'), value: formatDate(p.birthDate, t.locale) },
              { label: t('patient.sex'), value: t(`patient.sex.${p.sex}`) },
              { label: t('patient.citizenId'), value: p.citizenId },
              { label: t('patient.insuranceNumber'), value: p.insuranceNumber },
              { label: t('patient.phone'), value: p.phone },
              { label: t('patient.address'), value: p.address },
              { label: t('patient.contactNote'), value: p.contactNote, wide: true },
            ]}
          />
        </Paper>
      )}
    </>
  );
}
