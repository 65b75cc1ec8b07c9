import { ActionIcon, Box, Button, Group, Indicator, Menu, ScrollArea, Text } from '@mantine/core';
import type { Notification } from '@vuonxa/core';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { navigate } from '../../router';
import { notificationsApi } from './notifications.api';
import { notificationHref, notificationRef, notificationsReducer } from './realtime-logic';
import { useRealtime } from './use-realtime';

function BellIcon({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
      <path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M13.7 21a2 2 0 01-3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * The header's bell: the unread count from `GET /api/notifications`, kept current by the WebSocket, and a
 * dropdown of the latest notifications; opening one goes to its request or session and marks it read.
 */
export function NotificationBell() {
  const t = useT();
  const notify = useNotice();
  const [state, dispatch] = useReducer(notificationsReducer, { items: [], unread: 0 });
  const [failed, setFailed] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    notificationsApi.list(controller.signal).then(
      (list) => {
        dispatch({ type: 'loaded', items: list.items, unread: list.unread });
        setFailed(null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFailed(error);
      },
    );
    return () => controller.abort();
  }, [nonce]);

  useRealtime((m) => {
    if (m.type === 'notification') dispatch({ type: 'received', notification: m.notification });
    // After a (re)connection, what was pushed while the link was down is only in the list.
    else if (m.type === 'hello') reload();
  });

  async function open(n: Notification): Promise<void> {
    const href = notificationHref(n);
    if (href) navigate(href);
    if (n.readAt !== null) return;
    dispatch({ type: 'read', ids: [n.id], at: new Date().toISOString() });
    try {
      await notificationsApi.markRead([n.id]);
    } catch {
      reload();
    }
  }

  async function readAll(): Promise<void> {
    dispatch({ type: 'allRead', at: new Date().toISOString() });
    try {
      await notificationsApi.markAllRead();
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
      reload();
    }
  }

  const label = state.unread > 0 ? t('notify.bellUnread', { count: state.unread }) : t('notify.bell');
  return (
    <Menu position="bottom-end" width={340} shadow="md" onOpen={reload}>
      <Menu.Target>
        <Indicator
          disabled={state.unread === 0}
          inline
          size={18}
          offset={4}
          color="red"
          label={
            <span data-testid="notification-count" data-count={state.unread}>
              {state.unread > 99 ? '99+' : state.unread}
            </span>
          }
        >
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} data-testid="notification-bell" data-unread={state.unread}>
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Group justify="space-between" px="xs" py={4}>
          <Text size="sm" fw={600}>
            {t('notify.bell')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={state.unread === 0}
            onClick={() => void readAll()}
            data-testid="notification-read-all"
          >
            {t('notify.markAllRead')}
          </Button>
        </Group>
        <Menu.Divider />
        {failed !== null && state.items.length === 0 && (
          <Text size="sm" c="red" px="xs" py="sm">
            {t('notify.loadFailed')}
          </Text>
        )}
        {failed === null && state.items.length === 0 && (
          <Text size="sm" c="dimmed" px="xs" py="sm">
            {t('notify.empty')}
          </Text>
        )}
        <ScrollArea.Autosize mah={420} type="auto">
          {state.items.map((n) => (
            <Menu.Item
              key={n.id}
              onClick={() => void open(n)}
              data-testid="notification-item"
              data-kind={n.kind}
              data-read={n.readAt !== null}
              leftSection={
                <Box w={8} h={8} style={{ borderRadius: 4 }} bg={n.readAt === null ? 'blue.6' : 'transparent'} aria-hidden="true" />
              }
            >
              <Text size="sm" fw={n.readAt === null ? 600 : 400}>
                {t(`notify.${n.kind}`, { ref: notificationRef(n, t.locale) })}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt, t.locale)}
              </Text>
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
