import { Button, CloseButton, Group, Paper, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import type { RoomChatMessage } from '@vuonxa/core';
import { useEffect, useRef, useState } from 'react';
import { INTL_LOCALES } from '../../i18n/i18n';
import { useI18n } from '../../i18n/use-t';

/** The session's chat beside the call: the history kept with the session record, then the live messages. */
export function ChatPanel({
  messages,
  myUserId,
  onSend,
  onClose,
}: {
  messages: RoomChatMessage[];
  myUserId: string;
  /** False when the message could not be sent (the text then stays in the box). */
  onSend: (text: string) => boolean;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const viewport = useRef<HTMLDivElement>(null);

  // The newest message in view.
  useEffect(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const send = () => {
    if (text.trim() && onSend(text)) setText('');
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="room-chat" component="section" aria-labelledby="room-chat-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="room-chat-title">
            {t('room.chat.title')}
          </Title>
          <CloseButton onClick={onClose} aria-label={t('room.chat.close')} />
        </Group>
        <ScrollArea h={280} viewportRef={viewport} type="auto">
          {messages.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('room.chat.empty')}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-live="polite">
              {messages.map((m) => (
                <Stack
                  key={m.id}
                  component="li"
                  gap={0}
                  data-testid="room-chat-message"
                  data-mine={m.userId === myUserId ? 'true' : 'false'}
                >
                  <Group gap={6}>
                    <Text size="xs" fw={600}>
                      {m.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatTime(m.at, INTL_LOCALES[locale])}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {m.text}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </ScrollArea>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter sends, except while an input method (Vietnamese Telex, VNI) is composing a word.
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                send();
              }
            }}
            placeholder={t('room.chat.placeholder')}
            aria-label={t('room.chat.input')}
            data-testid="room-chat-input"
          />
          <Button onClick={send} disabled={!text.trim()} data-testid="room-chat-send">
            {t('room.chat.send')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function formatTime(iso: string, intlLocale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(intlLocale, { hour: '2-digit', minute: '2-digit' });
}
