import { Badge, Group, Skeleton, Text, Timeline } from '@mantine/core';
import type { ConsultDetail } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { STATE_COLOR } from './consult-time';
import { consultsApi } from './consults.api';
import type { ConsultEvent } from './consults.api';

/** Texts written by the actor, shown in full; named by their detail key. */
const TEXT_DETAILS: readonly { key: string; label: MessageKey }[] = [
  { key: 'reason', label: 'case.field.reason' },
  { key: 'question', label: 'case.field.question' },
  { key: 'answer', label: 'case.field.answer' },
  { key: 'note', label: 'case.timeline.note' },
];

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string') return value.name;
  return null;
}

/**
 * The hub or specialists an event names. The server records ids (`toHubId`, `specialistIds`); names are
 * taken from the event when it carries them (`toHub: {name}`, `specialists: [{name}]`), else from the
 * request (its current hub and assignees).
 */
function namedDetails(details: Record<string, unknown>, d: ConsultDetail): { hub: string | null; people: string[] } {
  const toHubId = details['toHubId'];
  const hub =
    nameOf(details['toHub']) ?? nameOf(details['toHubName']) ?? (toHubId && toHubId === d.targetHub?.id ? d.targetHub.name : null);
  const list = details['specialists'] ?? details['specialistNames'];
  const ids = details['specialistIds'];
  const people = Array.isArray(list)
    ? list.map(nameOf).filter((n): n is string => n !== null)
    : Array.isArray(ids)
      ? ids.flatMap((id) => d.assignments.filter((a) => a.id === id).map((a) => a.name))
      : [];
  return { hub, people };
}

/** Every change of the request, oldest first: who, when, from which state to which, and what they wrote. */
export function TimelineTab({ detail }: { detail: ConsultDetail }) {
  const t = useT();
  const events = useQuery(`events:${detail.id}:${detail.updatedAt}`, (signal) => consultsApi.events(detail.id, signal));
  return (
    <QueryState query={events} skeleton={<Skeleton h={200} />}>
      {(items) =>
        items.length === 0 ? (
          <Text c="dimmed">{t('case.timeline.empty')}</Text>
        ) : (
          <Timeline active={items.length - 1} bulletSize={14} lineWidth={2} data-testid="timeline">
            {items.map((e) => (
              <Timeline.Item key={e.id} title={<EventTitle event={e} />} data-testid="timeline-item" color={STATE_COLOR[e.toState]}>
                <EventBody event={e} detail={detail} />
              </Timeline.Item>
            ))}
          </Timeline>
        )
      }
    </QueryState>
  );
}

function EventTitle({ event: e }: { event: ConsultEvent }) {
  const t = useT();
  const key = `case.event.${e.action}`;
  return (
    <Group gap={6}>
      <Text size="sm" fw={600}>
        {t.has(key) ? t(key) : e.action}
      </Text>
      <Group gap={4}>
        {e.fromState && e.fromState !== e.toState && (
          <>
            <Badge size="sm" variant="light" color={STATE_COLOR[e.fromState]} tt="none">
              {t(`case.state.${e.fromState}`)}
            </Badge>
            <Text size="xs" c="dimmed" aria-label={t('case.to')}>
              →
            </Text>
          </>
        )}
        <Badge size="sm" variant="light" color={STATE_COLOR[e.toState]} tt="none">
          {t(`case.state.${e.toState}`)}
        </Badge>
      </Group>
    </Group>
  );
}

function EventBody({ event: e, detail }: { event: ConsultEvent; detail: ConsultDetail }) {
  const t = useT();
  const { hub, people } = namedDetails(e.details, detail);
  return (
    <>
      <Text size="xs" c="dimmed">
        {[e.actor?.name ?? t('case.timeline.system'), formatDateTime(e.at, t.locale)].join(' · ')}
      </Text>
      {hub && <Text size="sm">{t('case.timeline.toHub', { name: hub })}</Text>}
      {people.length > 0 && <Text size="sm">{t('case.timeline.specialists', { names: people.join(', ') })}</Text>}
      {TEXT_DETAILS.map(({ key, label }) => {
        const value = e.details[key];
        return typeof value === 'string' && value.trim() ? (
          <Text key={key} size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text span fw={600} inherit>
              {t(label)}:{' '}
            </Text>
            {value}
          </Text>
        ) : null;
      })}
    </>
  );
}
