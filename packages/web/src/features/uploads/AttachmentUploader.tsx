import { ActionIcon, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { BlobInfo } from '@vuonxa/core';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { ApiError } from '../../api/client';
import { FilePicker } from '../../components/FilePicker';
import { errorMessage } from '../../i18n/error-message';
import { formatNumber } from '../../i18n/format';
import type { Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { guessKind, sizeLimitFor, uploadFile } from './upload';
import type { UploadPhase } from './upload';

type ItemState = 'waiting' | UploadPhase | 'attaching' | 'done' | 'failed' | 'tooLarge' | 'unsupported';

interface Item {
  key: number;
  file: File;
  state: ItemState;
  sent: number;
  retryInMs: number;
  error: unknown;
  /** Kept once uploaded, so a failed `onUploaded` is retried without sending the file again. */
  blob: BlobInfo | null;
}

interface Props {
  /** The facility the upload is made for (the active one). */
  facilityId: string;
  /** Called once per file when the server holds it; may attach it (a rejection marks the file failed, with retry). */
  onUploaded: (blob: BlobInfo, file: File) => void | Promise<void>;
  label?: string;
  description?: string;
  disabled?: boolean;
  /** Whether a finished file stays listed (off when the caller lists what was attached). */
  keepDone?: boolean;
}

/** Known extensions of files the server will refuse: said at once rather than after a long upload. */
const REFUSED = /\.(docx?|xlsx?|pptx?|txt|rtf|zip|rar|7z|exe|heic|gif|bmp|tiff?|mov|avi|mkv|mp3|wav)$/i;

/**
 * Human size: "820 KB", "12,5 MB" in the reader's number format.
 *
 * @example
 * formatBytes(t, 1536 * 1024); // '1,5 MB'
 */
export function formatBytes(t: Translator, bytes: number): string {
  if (bytes < 1024 * 1024) return t('upload.kb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), t.locale) });
  return t('upload.mb', { size: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, t.locale) });
}

/**
 * Picks several files (photos, PDF, DICOM with or without `.dcm`, MP4/WebM video) and uploads them one after the
 * other with the resumable protocol, each with its progress bar and state; a failed file has a retry button.
 * Picking the same file again after a reload continues its upload.
 *
 * @example
 * <AttachmentUploader facilityId={me.activeFacilityId} onUploaded={(blob) => attach(blob.id)} />
 */
export function AttachmentUploader({ facilityId, onUploaded, label, description, disabled, keepDone = true }: Props) {
  const t = useT();
  const [items, setItems] = useState<Item[]>([]);
  const nextKey = useRef(1);
  const controllers = useRef(new Map<number, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const onUploadedRef = useRef(onUploaded);
  useEffect(() => {
    onUploadedRef.current = onUploaded;
  });
  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const c of running.values()) c.abort();
    };
  }, []);

  const patch = (key: number, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  async function run(item: Item): Promise<void> {
    const controller = new AbortController();
    controllers.current.set(item.key, controller);
    try {
      let blob = item.blob;
      if (!blob) {
        blob = await uploadFile(item.file, facilityId, {
          signal: controller.signal,
          onPhase: (phase, detail) => patch(item.key, { state: phase, retryInMs: detail?.retryInMs ?? 0 }),
          onHashProgress: (read) => patch(item.key, { sent: read }),
          onProgress: (sent) => patch(item.key, { sent }),
        });
        patch(item.key, { blob, sent: item.file.size });
      }
      patch(item.key, { state: 'attaching' });
      await onUploadedRef.current(blob, item.file);
      if (keepDone) patch(item.key, { state: 'done' });
      else setItems((list) => list.filter((i) => i.key !== item.key));
    } catch (error) {
      if (controller.signal.aborted) return;
      patch(item.key, { state: 'failed', error });
    } finally {
      controllers.current.delete(item.key);
    }
  }

  /** One upload at a time: on a shared satellite link, parallel uploads only slow each other down. */
  function enqueue(item: Item): void {
    patch(item.key, { state: 'waiting', error: null });
    queue.current = queue.current.then(() => run(item));
  }

  function pick(event: ChangeEvent<HTMLInputElement>): void {
    const files = [...(event.currentTarget.files ?? [])];
    // Cleared so that picking the same file again (to resume it) fires a change.
    event.currentTarget.value = '';
    const added: Item[] = files.map((file) => {
      const state: ItemState =
        REFUSED.test(file.name) || guessKind(file) === null ? 'unsupported' : file.size > sizeLimitFor(file) ? 'tooLarge' : 'waiting';
      return { key: nextKey.current++, file, state, sent: 0, retryInMs: 0, error: null, blob: null };
    });
    setItems((list) => [...list.filter((i) => i.state !== 'done'), ...added]);
    for (const item of added) if (item.state === 'waiting') queue.current = queue.current.then(() => run(item));
  }

  function cancel(item: Item): void {
    controllers.current.get(item.key)?.abort();
    setItems((list) => list.filter((i) => i.key !== item.key));
  }

  const active = items.filter((i) => !['done', 'failed', 'tooLarge', 'unsupported'].includes(i.state)).length;
  return (
    <Stack gap="xs">
      <FilePicker
        label={label ?? t('upload.label')}
        description={description ?? t('upload.hint')}
        buttonLabel={t('upload.button')}
        status={active > 0 ? t('upload.inProgress', { count: active }) : t('upload.none')}
        multiple
        onChange={disabled ? () => undefined : pick}
        testId="attachment-input"
      />
      {items.length > 0 && (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} onRetry={() => enqueue(item)} onCancel={() => cancel(item)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function UploadRow({ item, onRetry, onCancel }: { item: Item; onRetry: () => void; onCancel: () => void }) {
  const t = useT();
  const size = item.file.size;
  const percent = size > 0 ? Math.min(100, Math.floor((item.sent / size) * 100)) : 100;
  const failed = item.state === 'failed' || item.state === 'tooLarge' || item.state === 'unsupported';
  const color = failed ? 'red' : item.state === 'done' ? 'green' : item.state === 'retrying' ? 'orange' : 'blue';
  const shownPercent = item.state === 'done' || item.state === 'attaching' || item.state === 'completing' ? 100 : percent;
  return (
    <Paper component="li" withBorder p="xs" radius="sm" data-state={item.state}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {item.file.name || t('upload.unnamed')}{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              {formatBytes(t, size)}
            </Text>
          </Text>
          <Progress
            value={failed ? 100 : shownPercent}
            color={color}
            striped={item.state === 'hashing' || item.state === 'retrying'}
            animated={item.state === 'uploading' || item.state === 'hashing'}
            aria-label={t('upload.progressLabel', { name: item.file.name })}
            data-testid="attachment-progress"
            data-state={item.state}
            size="md"
          />
          <Text size="xs" c={failed ? 'red.8' : item.state === 'retrying' ? 'orange.9' : 'dimmed'} role={failed ? 'alert' : undefined}>
            {stateText(t, item, shownPercent)}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {item.state === 'failed' && (
            <Button size="xs" variant="light" onClick={onRetry}>
              {t('upload.retry')}
            </Button>
          )}
          {item.state !== 'done' && item.state !== 'attaching' && (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onCancel}
              aria-label={failed ? t('upload.remove', { name: item.file.name }) : t('upload.cancel', { name: item.file.name })}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

function failureReason(t: Translator, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 415) return t('upload.failed.type');
    if (error.status === 413) return t('upload.failed.size');
    if (error.issues.some((i) => i.field === 'sha256' || i.code === 'checksum')) return t('upload.failed.checksum');
  }
  return errorMessage(t, error);
}

function stateText(t: Translator, item: Item, percent: number): string {
  switch (item.state) {
    case 'waiting':
      return t('upload.state.waiting');
    case 'hashing':
      return t('upload.state.hashing', { percent });
    case 'uploading':
      return t('upload.state.uploading', { percent, sent: formatBytes(t, item.sent), total: formatBytes(t, item.file.size) });
    case 'retrying':
      return t('upload.state.retrying', { seconds: Math.max(1, Math.round(item.retryInMs / 1000)), percent });
    case 'completing':
      return t('upload.state.completing');
    case 'attaching':
      return t('upload.state.attaching');
    case 'done':
      return t('upload.state.done');
    case 'tooLarge':
      return t('upload.state.tooLarge', { limit: formatBytes(t, sizeLimitFor(item.file)) });
    case 'unsupported':
      return t('upload.state.unsupported');
    case 'failed':
      return t('upload.state.failed', { reason: failureReason(t, item.error) });
  }
}
