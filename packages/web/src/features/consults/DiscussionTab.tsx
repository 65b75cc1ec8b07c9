import { Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { ConsultDetail, ConsultMessage } from '@vuonxa/core';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useMe } from '../auth/use-session';
import { useRealtime } from '../notifications/use-realtime';
import { AttachmentGallery } from './AttachmentGallery';
import { consultsApi } from './consults.api';
import { MessageComposer } from './MessageComposer';

const POLL_MS = 60_000;

const KIND_STYLE: Record<ConsultMessage['kind'], { color: string; bg: string | undefined }> = {
  message: { color: 'gray.4', bg: undefined },
  info_request: { color: 'yellow.6', bg: 'yellow.0' },
  info_response: { color: 'teal.6', bg: 'teal.0' },
};

/**
 * The case team's thread (text and files, no video needed): questions for more information and the
 * answers stand out; who has read each message is shown under it. Opening the thread marks it read.
 */
export function DiscussionTab({ detail }: { detail: ConsultDetail }) {
  const t = useT();
  const me = useMe();
  const [tick, setTick] = useState(0);
  const messages = useQuery(`messages:${detail.id}:${detail.updatedAt}:${tick}`, (signal) => consultsApi.messages(detail.id, signal));
  const [sent, setSent] = useState<ConsultMessage[]>([]);
  const lastRead = useRef<string | null>(null);
  // New messages and read receipts arrive as `consult.changed`; the slow poll only covers a dropped socket.
  useRealtime((m) => {
    if (m.type === 'consult.changed' && m.consultId === detail.id) setTick((n) => n + 1);
  });

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => window.clearInterval(timer);
  }, []);

  const list = messages.data;
  const newest = list && list.length > 0 ? list[list.length - 1]?.id : undefined;
  useEffect(() => {
    if (newest === undefined || lastRead.current === newest) return;
    lastRead.current = newest;
    // Read receipts are a courtesy: a failure here must not disturb reading.
    consultsApi.markRead(detail.id).catch(() => undefined);
  }, [detail.id, newest]);

  return (
    <Stack gap="md">
      <QueryState query={messages} skeleton={<Skeleton h={160} />}>
        {(items) => {
          const known = new Set(items.map((m) => m.id));
          const all = [...items, ...sent.filter((m) => !known.has(m.id))];
          return all.length === 0 ? (
            <Text c="dimmed" ta="center" py="md">
              {t('case.discussion.empty')}
            </Text>
          ) : (
            <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
              {all.map((m) => (
                <MessageItem key={m.id} message={m} mine={m.author.id === me.user.id} />
              ))}
            </Stack>
          );
        }}
      </QueryState>
      <MessageComposer consultId={detail.id} facilityId={me.activeFacilityId} onSent={(m) => setSent((s) => [...s, m])} />
    </Stack>
  );
}

function MessageItem({ message: m, mine }: { message: ConsultMessage; mine: boolean }) {
  const t = useT();
  const style = KIND_STYLE[m.kind];
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      bg={style.bg}
      ml={mine ? { base: 0, sm: 'xl' } : undefined}
      mr={mine ? undefined : { base: 0, sm: 'xl' }}
      style={{ borderLeft: `4px solid var(--mantine-color-${style.color.replace('.', '-')})` }}
      data-testid="message-item"
      data-kind={m.kind}
    >
      <Group justify="space-between" gap="xs" mb={4}>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {m.author.name}
          </Text>
          {m.author.facilityName && (
            <Text size="xs" c="dimmed">
              {m.author.facilityName}
            </Text>
          )}
          {m.kind !== 'message' && (
            <Badge size="sm" color={m.kind === 'info_request' ? 'yellow.8' : 'teal'} tt="none">
              {t(`case.discussion.kind.${m.kind}`)}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" component="time" dateTime={m.createdAt}>
          {formatDateTime(m.createdAt, t.locale)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {m.body}
      </Text>
      {m.attachments.length > 0 && (
        <Stack mt="xs">
          <AttachmentGallery attachments={m.attachments} compact />
        </Stack>
      )}
      {m.readBy.length > 0 && (
        <Text size="xs" c="dimmed" mt={4} data-testid="read-receipt">
          {t('case.discussion.readBy', {
            names: m.readBy.map((r) => `${r.name} (${formatDateTime(r.at, t.locale)})`).join(', '),
          })}
        </Text>
      )}
    </Paper>
  );
}
