import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { ConsultListItem } from '@vuonxa/core';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link, navigate } from '../../router';
import { specialtyName } from '../registry/labels';
import { STATE_COLOR, URGENCY_COLOR, formatSpan, minutesUntil, responseDeadline } from './consult-time';
import { DeadlineText } from './DeadlineText';

const href = (id: string) => `/consults/${encodeURIComponent(id)}`;

/** The queue as a table; a whole row opens the request (the reference is also a real link). */
export function TriageTable({ items, loading, now }: { items: readonly ConsultListItem[]; loading: boolean; now: number }) {
  const t = useT();
  const headers = [
    t('triage.col.urgency'),
    t('triage.col.ref'),
    t('triage.col.from'),
    t('triage.col.patient'),
    t('triage.col.specialty'),
    t('triage.col.waiting'),
    t('triage.col.left'),
    t('triage.col.state'),
  ];
  const open = (id: string) => navigate(href(id));
  return (
    <ListTable
      headers={headers}
      loading={loading}
      isEmpty={items.length === 0}
      empty={t('triage.empty')}
      minWidth={900}
      testId="triage-table"
    >
      {items.map((c) => {
        const due = responseDeadline(c);
        const waited = c.submittedAt ? -minutesUntil(new Date(c.submittedAt), now) : null;
        return (
          <Table.Tr
            key={c.id}
            data-testid="triage-row"
            data-urgency={c.urgency ?? undefined}
            onClick={() => open(c.id)}
            style={{ cursor: 'pointer' }}
          >
            <Table.Td>
              {c.urgency && (
                <Badge color={URGENCY_COLOR[c.urgency]} variant={c.urgency === 'routine' ? 'light' : 'filled'} tt="none">
                  {t(`case.urgency.${c.urgency}`)}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} href={href(c.id)} fw={600} size="sm" ff="monospace" onClick={(e) => e.stopPropagation()}>
                {c.ref}
              </Anchor>
              {c.unread > 0 && (
                <Badge size="xs" ml={6} color="blue" circle aria-label={t('triage.unread', { count: c.unread })}>
                  {c.unread}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.requestingFacility.name}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.patientName ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.specialty ? specialtyName(c.specialty, t.locale) : '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" title={c.submittedAt ? formatDateTime(c.submittedAt, t.locale) : undefined}>
                {waited !== null ? formatSpan(t, Math.max(0, waited)) : '—'}
              </Text>
            </Table.Td>
            <Table.Td>{due ? <DeadlineText due={due} now={now} /> : '—'}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={STATE_COLOR[c.state]} tt="none" data-state={c.state}>
                {t(`case.state.${c.state}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
