import { Button, CloseButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { BlobInfo, ConsultMessage } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { AttachmentUploader } from '../uploads/AttachmentUploader';
import { consultsApi } from './consults.api';

interface Pending {
  blob: BlobInfo;
  name: string;
}

const MAX_FILES = 20;

/**
 * A message to the case team, with files uploaded first (resumable on a weak link) and sent as blob ids.
 * Ctrl+Enter sends.
 */
export function MessageComposer({
  consultId,
  facilityId,
  onSent,
}: {
  consultId: string;
  facilityId: string | null;
  onSent: (m: ConsultMessage) => void;
}) {
  const t = useT();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Pending[]>([]);
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => f === 'body');

  async function send(event?: FormEvent<HTMLFormElement>): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    if (!body.trim()) return form.showLocal({ body: { key: 'form.required' } });
    setBusy(true);
    try {
      const message = await consultsApi.postMessage(
        consultId,
        body.trim(),
        files.map((f) => f.blob.id),
      );
      setBody('');
      setFiles([]);
      onSent(message);
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <Paper withBorder p="sm" radius="md">
      <form ref={formRef} noValidate onSubmit={(e) => void send(e)}>
        <Stack gap="xs">
          <FormAlert problem={form.formProblem} />
          <Textarea
            label={t('case.discussion.message')}
            description={t('case.discussion.hint')}
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              form.clear('body');
            }}
            onKeyDown={onKeyDown}
            error={form.err('body')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={10_000}
            data-testid="message-input"
          />
          {files.length > 0 && (
            <Group gap={6} aria-label={t('case.discussion.files')}>
              {files.map((f) => (
                <Group key={f.blob.id} gap={2} px={8} py={2} bg="gray.1" style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
                  <Text size="xs">{f.name}</Text>
                  <CloseButton
                    size="xs"
                    aria-label={t('case.discussion.removeFile', { name: f.name })}
                    onClick={() => setFiles((list) => list.filter((x) => x.blob.id !== f.blob.id))}
                  />
                </Group>
              ))}
            </Group>
          )}
          {facilityId && (
            <AttachmentUploader
              facilityId={facilityId}
              keepDone={false}
              disabled={files.length >= MAX_FILES}
              label={t('case.discussion.attach')}
              onUploaded={(blob, file) =>
                setFiles((list) => (list.some((x) => x.blob.id === blob.id) ? list : [...list, { blob, name: file.name }]))
              }
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="message-send">
              {t('case.discussion.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
