import { Alert, Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { navigate } from '../../router';
import { useRights } from '../auth/use-can';
import { facilitiesApi } from './facilities.api';
import { FacilityForm } from './FacilityForm';

/** `/facilities/new` (`facility.create`) and `/facilities/:id/edit` (`facility.manage` at that facility). */
export function FacilityFormPage({ params }: PageProps) {
  const id = params['id'];
  return id ? <EditFacility id={id} /> : <NewFacility />;
}

function NewFacility() {
  const t = useT();
  const notify = useNotice();
  return (
    <Stack gap="md" maw={960}>
      <Title order={1} size="h2">
        {t('facility.new')}
      </Title>
      <FacilityForm
        onCancel={() => navigate('/facilities')}
        onSave={async (input) => {
          const created = await facilitiesApi.create(input);
          notify({ color: 'green', message: t('facility.created', { name: created.name }) });
          navigate(`/facilities/${encodeURIComponent(created.id)}`);
        }}
      />
    </Stack>
  );
}

function EditFacility({ id }: { id: string }) {
  const t = useT();
  const notify = useNotice();
  const allowed = useRights().at('facility.manage', id);
  const facility = useQuery(`facility:${id}`, (signal) => facilitiesApi.get(id, signal));
  const back = `/facilities/${encodeURIComponent(id)}`;
  return (
    <Stack gap="md" maw={960}>
      <Title order={1} size="h2">
        {facility.data ? t('facility.editNamed', { name: facility.data.name }) : t('facility.edit')}
      </Title>
      {!allowed ? (
        <Alert color="yellow">{t('page.forbidden.body')}</Alert>
      ) : (
        <QueryState query={facility} skeleton={<Skeleton h={480} />}>
          {(f) => (
            <FacilityForm
              facility={f}
              onCancel={() => navigate(back)}
              onSave={async (input) => {
                await facilitiesApi.update(id, input);
                notify({ color: 'green', message: t('common.saved') });
                navigate(back);
              }}
            />
          )}
        </QueryState>
      )}
    </Stack>
  );
}
