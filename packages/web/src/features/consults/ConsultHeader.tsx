import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ConsultDetail } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { specialtyName } from '../registry/labels';
import { STATE_COLOR, URGENCY_COLOR, responseDeadline } from './consult-time';
import { DeadlineText } from './DeadlineText';
import { useNow } from './use-now';

const facilityHref = (id: string) => `/facilities/${encodeURIComponent(id)}`;

/** Who asks whom, about what, how urgently, and how long the hub has left to answer. */
export function ConsultHeader({ detail: d }: { detail: ConsultDetail }) {
  const t = useT();
  const now = useNow(30_000);
  const due = responseDeadline(d);
  const outcomeLate = d.outcomeDueAt !== null && !d.outcome && new Date(d.outcomeDueAt).getTime() < now;
  return (
    <Paper withBorder p="md" radius="md" data-testid="consult-header" component="header">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={1} size="h2" ff="monospace">
            {d.ref}
          </Title>
          <Group gap={6}>
            {d.urgency && (
              <Badge color={URGENCY_COLOR[d.urgency]} variant={d.urgency === 'routine' ? 'light' : 'filled'} tt="none" size="lg">
                {t(`case.urgency.${d.urgency}`)}
              </Badge>
            )}
            <Badge color={STATE_COLOR[d.state]} variant="light" tt="none" size="lg" data-testid="consult-state" data-state={d.state}>
              {t(`case.state.${d.state}`)}
            </Badge>
          </Group>
        </Group>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {d.type ? t(`case.type.${d.type}`) : t('case.type.none')}
          </Text>
          {d.specialty && (
            <Badge variant="outline" tt="none" fw={500}>
              {specialtyName(d.specialty, t.locale)}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          <Anchor component={Link} href={facilityHref(d.requestingFacility.id)} inherit>
            {d.requestingFacility.name}
          </Anchor>
          <Text component="span" c="dimmed" inherit aria-label={t('case.to')}>
            {' → '}
          </Text>
          {d.targetHub ? (
            <Anchor component={Link} href={facilityHref(d.targetHub.id)} inherit>
              {d.targetHub.name}
            </Anchor>
          ) : (
            <Text component="span" c="dimmed" inherit>
              {t('case.noHub')}
            </Text>
          )}
        </Text>
        <Group gap="lg" style={{ rowGap: 4 }}>
          <Text size="sm" c="dimmed">
            {t('case.requestedBy', { name: d.requester.name })}
            {d.submittedAt && ` · ${t('case.submittedAt', { time: formatDateTime(d.submittedAt, t.locale) })}`}
          </Text>
          {due && <DeadlineText due={due} now={now} withDate />}
          {d.decidedAt && (
            <Text size="sm" c="dimmed">
              {t('case.decidedAt', { time: formatDateTime(d.decidedAt, t.locale) })}
            </Text>
          )}
          {d.outcomeDueAt && !d.outcome && (
            <Text size="sm" c={outcomeLate ? 'red.8' : undefined} fw={outcomeLate ? 700 : undefined}>
              {t(outcomeLate ? 'case.outcomeOverdue' : 'case.outcomeDue', { time: formatDateTime(d.outcomeDueAt, t.locale) })}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
