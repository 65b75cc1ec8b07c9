import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Visit } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { VISIT_STATE_COLOR } from './homecare-logic';

/** One visit in a list, the whole card a link to its page: when, who sees whom, and where it stands. */
export function VisitCard({ visit }: { visit: Visit }) {
  const t = useT();
  const when = visit.startsAt
    ? formatDateTime(visit.startsAt, t.locale)
    : visit.queueNumber !== null
      ? t('visit.walkInNumber', { number: visit.queueNumber })
      : t('visit.kind.walk_in');
  return (
    <Paper
      component={Link}
      href={`/patient/visits/${encodeURIComponent(visit.id)}`}
      withBorder
      p="md"
      data-testid="visit-item"
      data-visit-id={visit.id}
      data-state={visit.state}
      style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} miw={0}>
          <Text fw={700}>{when}</Text>
          <Text size="sm" truncate>
            {visit.service.name}
            {visit.practitioner && ` · ${visit.practitioner.name}`}
          </Text>
          <Text size="sm" c="dimmed" truncate>
            {t('visit.forPatient', { name: visit.patient.name })} · {visit.condition.name}
          </Text>
        </Stack>
        <Badge color={VISIT_STATE_COLOR[visit.state]} variant="light" tt="none" style={{ flexShrink: 0 }}>
          {t(`visit.state.${visit.state}`)}
        </Badge>
      </Group>
    </Paper>
  );
}
