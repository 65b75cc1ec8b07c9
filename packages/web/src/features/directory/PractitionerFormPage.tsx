import { Alert, Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { navigate } from '../../router';
import { activeFacility } from '../auth/memberships';
import { useRights } from '../auth/use-can';
import { useMe } from '../auth/use-session';
import { practitionersApi } from './practitioners.api';
import { PractitionerForm } from './PractitionerForm';

/** `/practitioners/new` and `/practitioners/:id/edit`, for who holds `practitioner.manage` somewhere. */
export function PractitionerFormPage({ params }: PageProps) {
  const t = useT();
  const allowed = useRights().anywhere('practitioner.manage');
  const id = params['id'];
  return (
    <Stack gap="md" maw={960}>
      {!allowed ? (
        <>
          <Title order={1} size="h2">
            {id ? t('practitioner.edit') : t('practitioner.new')}
          </Title>
          <Alert color="yellow">{t('page.forbidden.body')}</Alert>
        </>
      ) : id ? (
        <EditPractitioner id={id} />
      ) : (
        <NewPractitioner />
      )}
    </Stack>
  );
}

function NewPractitioner() {
  const t = useT();
  const me = useMe();
  const rights = useRights();
  const notify = useNotice();
  const active = activeFacility(me);
  const start =
    active?.facilityId && rights.at('practitioner.manage', active.facilityId)
      ? { id: active.facilityId, name: active.name ?? active.code ?? '' }
      : undefined;
  return (
    <>
      <Title order={1} size="h2">
        {t('practitioner.new')}
      </Title>
      <PractitionerForm
        defaultFacility={start}
        onCancel={() => navigate('/directory')}
        onSave={async (input) => {
          const created = await practitionersApi.create(input);
          notify({ color: 'green', message: t('practitioner.created', { name: created.fullName }) });
          navigate(`/practitioners/${encodeURIComponent(created.id)}`);
        }}
      />
    </>
  );
}

function EditPractitioner({ id }: { id: string }) {
  const t = useT();
  const notify = useNotice();
  const practitioner = useQuery(`practitioner:${id}`, (signal) => practitionersApi.get(id, signal));
  const back = `/practitioners/${encodeURIComponent(id)}`;
  return (
    <>
      <Title order={1} size="h2">
        {practitioner.data ? t('practitioner.editNamed', { name: practitioner.data.fullName }) : t('practitioner.edit')}
      </Title>
      <QueryState query={practitioner} skeleton={<Skeleton h={480} />}>
        {(p) => (
          <PractitionerForm
            practitioner={p}
            onCancel={() => navigate(back)}
            onSave={async (input) => {
              await practitionersApi.update(id, input);
              notify({ color: 'green', message: t('common.saved') });
              navigate(back);
            }}
          />
        )}
      </QueryState>
    </>
  );
}
