import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { ListTable } from '../../components/ListTable';
import { QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link, navigate, useSearchParams } from '../../router';
import { useRights } from '../auth/use-can';
import { sessionsApi } from './sessions.api';
import { SessionStateBadge } from './SessionStateBadge';

// Sessions that started up to this long ago still count as upcoming: a long session is still going on.
const RECENT_MS = 12 * 60 * 60 * 1000;

/**
 * `/sessions`: the consultation sessions the user chairs, is invited to, or whose hub they coordinate; the
 * upcoming ones first in time order, or the past ones newest first.
 */
export function SessionsPage() {
  const t = useT();
  const rights = useRights();
  const params = useSearchParams();
  const past = params.get('past') === '1';
  const list = useQuery(`sessions:${past ? 'past' : 'upcoming'}`, async (signal) => {
    const now = Date.now();
    const range = past ? { to: new Date(now).toISOString() } : { from: new Date(now - RECENT_MS).toISOString() };
    const all = await sessionsApi.list(range, signal);
    const shown = past
      ? all.filter((s) => s.state === 'ended' || s.state === 'cancelled' || Date.parse(s.endsAt) < now)
      : all.filter((s) => s.state === 'live' || s.state === 'scheduled');
    return shown.sort((a, b) => (past ? b.startsAt.localeCompare(a.startsAt) : a.startsAt.localeCompare(b.startsAt)));
  });
  const items = list.data ?? [];

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('session.title')}
        </Title>
        {rights.anywhere('consult.triage') && (
          <Button component={Link} href="/sessions/new" data-testid="session-create">
            {t('session.new')}
          </Button>
        )}
      </Group>
      <SegmentedControl
        w="fit-content"
        aria-label={t('session.show')}
        value={past ? 'past' : 'upcoming'}
        onChange={(v) => navigate(v === 'past' ? '/sessions?past=1' : '/sessions', { replace: true, keepScroll: true })}
        data={[
          { value: 'upcoming', label: t('session.upcoming') },
          { value: 'past', label: t('session.past') },
        ]}
        data-testid="session-past-toggle"
      />
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <ListTable
        headers={[t('session.col.title'), t('session.col.time'), t('session.col.chair'), t('session.col.agenda'), t('session.col.state')]}
        loading={list.loading && list.data === undefined}
        isEmpty={items.length === 0}
        empty={t('session.empty')}
        minWidth={720}
        testId="session-table"
      >
        {items.map((s) => (
          <Table.Tr key={s.id} data-testid="session-row">
            <Table.Td>
              <Anchor component={Link} href={`/sessions/${encodeURIComponent(s.id)}`} fw={600} size="sm">
                {s.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {s.hub.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(s.startsAt, t.locale)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{s.chair.name}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{s.agendaCount}</Text>
            </Table.Td>
            <Table.Td>
              <SessionStateBadge state={s.state} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}
