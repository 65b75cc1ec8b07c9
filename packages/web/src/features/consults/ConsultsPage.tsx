import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { CONSULT_STATES } from '@vuonxa/core';
import type { ConsultListItem, ConsultState } from '@vuonxa/core';
import { useMemo } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { ListTable } from '../../components/ListTable';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { INTL_LOCALES } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { Link, navigate, useSearchParams } from '../../router';
import { useMe } from '../auth/use-session';
import { specialtyName } from '../registry/labels';
import { URGENCY_COLORS, consultHref, consultViewsFor, dueOf, isConsultView, spanUntil } from './consult-list';
import type { ConsultView } from './consult-list';
import { consultRequestsApi } from './consult-requests.api';
import { useNow } from './use-now';

const isState = (v: string | null): v is ConsultState => v !== null && (CONSULT_STATES as readonly string[]).includes(v);

/**
 * `/consults`: the requests the user deals with, by view (requested, assigned, hub inbox, outcomes owed), newest
 * activity first, with urgency, the time left to the response target or the outcome's due date, and unread messages.
 */
export function ConsultsPage() {
  const t = useT();
  const me = useMe();
  const params = useSearchParams();
  const views = consultViewsFor(me.permissions);
  const asked = params.get('view');
  const view: ConsultView | undefined = isConsultView(asked) && views.includes(asked) ? asked : views[0];
  const stateParam = params.get('state');
  const state: ConsultState | '' = isState(stateParam) ? stateParam : '';
  const canCreate = me.permissions.includes('consult.create');

  const go = (next: { view?: ConsultView; state?: ConsultState | '' }) => {
    const q = new URLSearchParams();
    const v = next.view ?? view;
    const s = next.state ?? state;
    if (v) q.set('view', v);
    if (s) q.set('state', s);
    navigate(`/consults?${q.toString()}`, { replace: true, keepScroll: true });
  };

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('consult.list.title')}
        </Title>
        {canCreate && (
          <Button component={Link} href="/consults/new" data-testid="consult-new">
            {t('consult.new')}
          </Button>
        )}
      </Group>
      {view === undefined ? (
        <Alert color="yellow">{t('consult.list.noView')}</Alert>
      ) : (
        <>
          <Tabs value={view} onChange={(v) => isConsultView(v) && go({ view: v })} keepMounted={false}>
            <Tabs.List>
              {views.map((v) => (
                <Tabs.Tab key={v} value={v} data-testid={`consult-view-${v}`}>
                  {t(`consult.view.${v}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <NativeSelect
            label={t('consult.list.state')}
            value={state}
            onChange={(e) => {
              const v = e.currentTarget.value;
              go({ state: isState(v) ? v : '' });
            }}
            data={[{ value: '', label: t('filter.any') }, ...CONSULT_STATES.map((s) => ({ value: s, label: t(`consult.state.${s}`) }))]}
            maw={280}
            data-testid="consult-state-filter"
          />
          <ConsultTable view={view} state={state} facilityId={me.activeFacilityId} />
        </>
      )}
    </Stack>
  );
}

function ConsultTable({ view, state, facilityId }: { view: ConsultView; state: ConsultState | ''; facilityId: string | null }) {
  const t = useT();
  const now = useNow(30_000);
  const query = useMemo(() => ({ view, state, facilityId }), [view, state, facilityId]);
  const list = usePagedList(JSON.stringify(query), (cursor, signal) => consultRequestsApi.list(query, cursor, signal));
  const incoming = view === 'hub' || view === 'assigned';
  return (
    <Stack gap="sm">
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <ListTable
        headers={[
          t('consult.list.ref'),
          t('consult.patient'),
          t('consult.urgency'),
          t('consult.type'),
          t('consult.specialty'),
          incoming ? t('consult.list.from') : t('consult.list.to'),
          t('consult.list.state'),
          t('consult.list.due'),
          t('consult.list.unread'),
        ]}
        loading={list.loading}
        isEmpty={list.items.length === 0}
        empty={t('consult.list.empty')}
        minWidth={980}
        testId="consult-list"
      >
        {list.items.map((c) => (
          <ConsultRow key={c.id} item={c} view={view} incoming={incoming} now={now} />
        ))}
      </ListTable>
      <PagedTableFooter list={list} moreTestId="consult-more" />
    </Stack>
  );
}

function ConsultRow({ item: c, view, incoming, now }: { item: ConsultListItem; view: ConsultView; incoming: boolean; now: number }) {
  const t = useT();
  const due = dueOf(c, view);
  const facility = incoming ? c.requestingFacility.name : (c.targetHub?.name ?? '—');
  return (
    <Table.Tr data-testid="consult-row" data-state={c.state}>
      <Table.Td>
        <Anchor component={Link} href={consultHref(c)} fw={600} size="sm" ff="monospace">
          {c.ref}
        </Anchor>
      </Table.Td>
      <Table.Td>{c.patientName ?? <Text c="dimmed">—</Text>}</Table.Td>
      <Table.Td>
        {c.urgency ? (
          <Badge color={URGENCY_COLORS[c.urgency]} variant={c.urgency === 'routine' ? 'light' : 'filled'} tt="none">
            {t(`consult.urgency.${c.urgency}`)}
          </Badge>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{c.type ? t(`consult.type.${c.type}`) : '—'}</Table.Td>
      <Table.Td>{c.specialty ? specialtyName(c.specialty, t.locale) : '—'}</Table.Td>
      <Table.Td>{facility}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={c.state === 'draft' ? 'gray' : 'blue'} tt="none">
          {t(`consult.state.${c.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{due ? <DueText kind={due.kind} at={due.at} now={now} /> : '—'}</Table.Td>
      <Table.Td>
        {c.unread > 0 ? (
          <Badge color="blue" circle={c.unread < 10} aria-label={t('consult.list.unreadCount', { count: c.unread })}>
            {formatNumber(c.unread, t.locale)}
          </Badge>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** "Response in 3 hours" or "Outcome overdue by 2 days" (red), the exact time in the tooltip. */
function DueText({ kind, at, now }: { kind: 'response' | 'outcome'; at: string; now: number }) {
  const t = useT();
  const span = spanUntil(new Date(at), now);
  const amount = new Intl.NumberFormat(INTL_LOCALES[t.locale], { style: 'unit', unit: span.unit, unitDisplay: 'long' }).format(span.value);
  const key = span.overdue
    ? kind === 'response'
      ? 'consult.due.responseOverdue'
      : 'consult.due.outcomeOverdue'
    : kind === 'response'
      ? 'consult.due.response'
      : 'consult.due.outcome';
  return (
    <Text
      size="sm"
      component="span"
      c={span.overdue ? 'red.8' : undefined}
      fw={span.overdue ? 700 : undefined}
      title={formatDateTime(at, t.locale)}
      data-overdue={span.overdue || undefined}
    >
      {t(key, { span: amount })}
    </Text>
  );
}
