import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import type { AuditEventView, AuditOutcome } from '@vuonxa/core';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { actionLabel, shortId } from './audit-labels';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

interface Props {
  items: readonly AuditEventView[];
  loading: boolean;
  facilityLabel: (facilityId: string | null) => string;
  onActor: (actorUserId: string) => void;
  onDetails: (event: AuditEventView) => void;
}

/**
 * The audit events, newest first. The table scrolls sideways inside its container, so a tablet in
 * portrait (800 px) never scrolls the whole page horizontally.
 */
export function AuditTable({ items, loading, facilityLabel, onActor, onDetails }: Props) {
  const t = useT();
  const rows = items.map((e) => (
    <Table.Tr key={e.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, t.locale)}</Table.Td>
      <Table.Td>
        {e.actorUserId ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => e.actorUserId && onActor(e.actorUserId)}
            title={t('audit.filterByActor')}
          >
            {e.actorName ?? shortId(e.actorUserId)}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {e.actorName ?? t('audit.actor.none')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{actionLabel(t, e.action)}</Table.Td>
      <Table.Td>
        <Badge color={OUTCOME_COLORS[e.outcome]} variant="light" style={{ overflow: 'visible' }} miw="fit-content">
          {t(`audit.outcome.${e.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {e.entityType ? (
          <Text size="sm">
            {e.entityType}
            {e.entityId && (
              <Text span size="xs" c="dimmed" ff="monospace" ml={4}>
                {shortId(e.entityId)}
              </Text>
            )}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{e.actingFacilityId ? facilityLabel(e.actingFacilityId) : '—'}</Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {e.ip ?? '—'}
      </Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="subtle" onClick={() => onDetails(e)}>
          {t('audit.details')}
        </Button>
      </Table.Td>
    </Table.Tr>
  ));

  const headers = [
    t('audit.col.at'),
    t('audit.col.actor'),
    t('audit.col.action'),
    t('audit.col.outcome'),
    t('audit.col.entity'),
    t('audit.col.facility'),
    t('audit.col.ip'),
    t('audit.details'),
  ];
  return (
    <ListTable
      headers={headers}
      loading={loading}
      isEmpty={items.length === 0}
      empty={t('audit.empty')}
      minWidth={960}
      verticalSpacing="xs"
      skeleton={{ rows: 5, height: 20 }}
      testId="audit-table"
    >
      {rows}
    </ListTable>
  );
}
