import { Alert, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { activeFacility, activeRoles } from '../auth/memberships';
import { useMe } from '../auth/use-session';
import { homeApi } from './home.api';
import { RoleCard } from './RoleCard';
import { TaskList } from './TaskList';

/** "What to do next": the server's tasks first, then what each of the user's roles can do here. */
export function HomePage() {
  const t = useT();
  const me = useMe();
  const home = useQuery(`home:${me.activeFacilityId ?? 'network'}`, (signal) => homeApi.get(signal));
  const roles = activeRoles(me);
  const facility = activeFacility(me);

  return (
    <Stack gap="xl" maw={1200}>
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid="home-title">
          {t('home.greeting', { name: me.user.displayName })}
        </Title>
        {facility?.name && <Text c="dimmed">{t('home.actingFor', { facility: facility.name })}</Text>}
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="home-tasks">
        <Title order={2} size="h4" id="home-tasks">
          {t('home.tasks.title')}
        </Title>
        <QueryState
          query={home}
          skeleton={
            <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
              <Skeleton h={56} />
              <Skeleton h={56} />
            </Stack>
          }
        >
          {(data) =>
            data.tasks.length > 0 ? (
              <TaskList tasks={data.tasks} />
            ) : (
              <Text c="dimmed" data-testid="home-no-tasks">
                {t('home.tasks.none')}
              </Text>
            )
          }
        </QueryState>
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="home-roles">
        <Title order={2} size="h4" id="home-roles">
          {t('home.roles.title')}
        </Title>
        {roles.length === 0 ? (
          <Alert color="yellow">{t('home.roles.none')}</Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {roles.map((role) => (
              <RoleCard key={role} role={role} permissions={me.permissions} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Stack>
  );
}
