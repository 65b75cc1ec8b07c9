import { Alert, Anchor, Breadcrumbs, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { EDITABLE_STATES } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link, useSearchParams } from '../../router';
import { useRights } from '../auth/use-can';
import { useMe } from '../auth/use-session';
import { patientsApi } from '../patients/patients.api';
import { ConsultForm } from './ConsultForm';
import { consultRequestsApi } from './consult-requests.api';

/** `/consults/new` (optionally `?patientId=`) and `/consults/:id/edit` (a draft, or a request the hub asked more of). */
export function ConsultFormPage({ params }: PageProps) {
  const t = useT();
  const id = params['id'];
  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} href="/consults" size="sm">
          {t('consult.list.title')}
        </Anchor>
        <Text size="sm">{id ? t('consult.edit') : t('consult.new')}</Text>
      </Breadcrumbs>
      {id ? <EditConsult id={id} /> : <NewConsult />}
    </Stack>
  );
}

function NewConsult() {
  const t = useT();
  const me = useMe();
  const rights = useRights();
  const search = useSearchParams();
  const patientId = search.get('patientId') ?? '';
  const facilityId = me.activeFacilityId;
  const patient = useQuery(`consult-new-patient:${patientId}`, (signal) =>
    patientId ? patientsApi.get(patientId, signal) : Promise.resolve(null),
  );
  return (
    <>
      <Title order={1} size="h2">
        {t('consult.new')}
      </Title>
      {!facilityId || !rights.at('consult.create', facilityId) ? (
        <Alert color="yellow">{t('consult.form.noRight')}</Alert>
      ) : (
        <QueryState query={patient} skeleton={<Skeleton h={480} />}>
          {(p) => (
            <ConsultForm
              facilityId={facilityId}
              userId={me.user.id}
              initialPatient={p ? { id: p.id, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex } : null}
            />
          )}
        </QueryState>
      )}
    </>
  );
}

function EditConsult({ id }: { id: string }) {
  const t = useT();
  const me = useMe();
  const consult = useQuery(`consult-edit:${id}`, (signal) => consultRequestsApi.get(id, signal));
  return (
    <QueryState query={consult} skeleton={<Skeleton h={480} />}>
      {(c) => (
        <>
          <Title order={1} size="h2">
            {t('consult.editNamed', { ref: c.ref })}
          </Title>
          {!EDITABLE_STATES.includes(c.state) || !c.myRoles.includes('requester') ? (
            <Stack gap="sm" align="flex-start">
              <Alert color="yellow">{t('consult.form.notEditable')}</Alert>
              <Button component={Link} href={`/consults/${encodeURIComponent(c.id)}`} variant="light">
                {t('consult.form.openRequest')}
              </Button>
            </Stack>
          ) : (
            <ConsultForm facilityId={c.requestingFacility.id} userId={me.user.id} consult={c} />
          )}
        </>
      )}
    </QueryState>
  );
}
