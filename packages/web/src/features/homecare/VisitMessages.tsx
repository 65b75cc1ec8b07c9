import { Button, Group, Paper, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { QueryState } from '../../components/QueryState';
import { useFormProblems } from '../../components/use-form-problems';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useMe } from '../auth/use-session';
import { CardSkeletons } from './PhonePage';
import type { VisitMessage } from './homecare.api';
import { careApi } from './homecare.api';
import { formatTime } from './homecare-logic';
import { usePoll } from './use-poll';

/**
 * The visit's messages: what the doctor and the patient write when video or sound fail (or the link is weak),
 * the same as the video room's chat. Read again every 5 s while the visit is open; once it has ended the
 * thread stays readable and no one writes any more. `canSend`: the viewer is the patient's account or the doctor
 * (staff only read). Enter sends, Shift+Enter makes a new line.
 */
export function VisitMessages({ visitId, open, canSend = open }: { visitId: string; open: boolean; canSend?: boolean }) {
  const t = useT();
  const me = useMe();
  const messages = useQuery(`visit-messages:${visitId}`, (signal) => careApi.messages(visitId, signal));
  const [sent, setSent] = useState<VisitMessage[] | null>(null);
  usePoll(messages.reload, 5_000, open);
  // The list answered by a send is newer than the last poll until the next poll answers.
  const list = sent && (!messages.data || sent.length > messages.data.length) ? sent : messages.data;
  const viewport = useRef<HTMLDivElement>(null);
  const count = list?.length ?? 0;
  useEffect(() => {
    const el = viewport.current;
    if (el) el.scrollTo({ top: el.scrollHeight });
  }, [count]);

  return (
    <Stack gap="xs" component="section" aria-labelledby={`visit-messages-${visitId}`} data-testid="visit-messages">
      <Title order={3} size="h5" id={`visit-messages-${visitId}`}>
        {t('care.messages.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('care.messages.intro')}
      </Text>
      <QueryState query={{ ...messages, data: list }} skeleton={<CardSkeletons count={2} height={40} />}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="visit-messages-empty">
              {t('care.messages.empty')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={320} viewportRef={viewport} type="auto">
              <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
                {items.map((m) => {
                  const mine = m.userId === me.user.id;
                  return (
                    <Paper
                      key={m.id}
                      component="li"
                      p="xs"
                      radius="md"
                      bg={mine ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
                      ml={mine ? 'xl' : 0}
                      mr={mine ? 0 : 'xl'}
                      data-testid="visit-message"
                      data-mine={mine}
                    >
                      <Group justify="space-between" gap="xs" wrap="nowrap">
                        <Text size="xs" fw={600} truncate>
                          {mine ? t('care.messages.you') : m.name}
                        </Text>
                        <Text size="xs" c="dimmed" title={formatDateTime(m.at, t.locale)} style={{ flexShrink: 0 }}>
                          {formatTime(m.at, t.locale)}
                        </Text>
                      </Group>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {m.text}
                      </Text>
                    </Paper>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )
        }
      </QueryState>
      {open && canSend && <Composer visitId={visitId} onSent={setSent} />}
      {!open && (
        <Text size="sm" c="dimmed" data-testid="visit-messages-closed">
          {t('care.messages.closed')}
        </Text>
      )}
    </Stack>
  );
}

function Composer({ visitId, onSent }: { visitId: string; onSent: (list: VisitMessage[]) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => f === 'text');

  async function send(event?: FormEvent<HTMLFormElement>): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    const body = text.trim();
    if (!body) return form.showLocal({ text: { key: 'form.required' } });
    setBusy(true);
    try {
      onSent(await careApi.send(visitId, body));
      setText('');
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void send(e)}>
      <Stack gap="xs">
        <FormAlert problem={form.formProblem} />
        <Textarea
          label={t('care.messages.input')}
          description={t('care.messages.hint')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            form.clear('text');
          }}
          onKeyDown={onKeyDown}
          error={form.err('text')}
          autosize
          minRows={1}
          maxRows={5}
          maxLength={2_000}
          data-testid="visit-message-input"
        />
        <Button type="submit" loading={busy} w="fit-content" data-testid="visit-message-send">
          {t('care.messages.send')}
        </Button>
      </Stack>
    </form>
  );
}
