import { ActionIcon, Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Attachment } from '@vuonxa/core';
import { useState } from 'react';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { formatBytes } from '../uploads/AttachmentUploader';
import { consultRequestsApi } from './consult-requests.api';

interface Props {
  consultId: string;
  attachments: readonly Attachment[];
  /** Draft or needs_info: the requester may still take a file back. */
  removable: boolean;
  onRemoved: (attachmentId: string) => void;
}

/** The files attached to a request being written, each openable, removable while it is a draft. */
export function ConsultAttachmentList({ consultId, attachments, removable, onRemoved }: Props) {
  const t = useT();
  const notify = useNotice();
  const [removing, setRemoving] = useState<string | null>(null);

  async function remove(a: Attachment): Promise<void> {
    setRemoving(a.id);
    try {
      await consultRequestsApi.removeAttachment(consultId, a.id);
      onRemoved(a.id);
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
    } finally {
      setRemoving(null);
    }
  }

  return (
    <Stack
      gap={6}
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('consult.form.attached')}
      data-testid="consult-attachments"
    >
      {attachments.map((a) => (
        <Paper key={a.id} component="li" withBorder p="xs" radius="sm" data-testid="consult-attachment">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Group gap="xs" miw={0} wrap="nowrap">
              <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t(`consult.attachmentKind.${a.kind}`)}
              </Badge>
              <Stack gap={0} miw={0}>
                <Anchor
                  href={`/api/attachments/${encodeURIComponent(a.id)}/content`}
                  target="_blank"
                  rel="noopener"
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {a.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatBytes(t, a.size)}
                  {a.caption ? ` · ${a.caption}` : ''}
                </Text>
              </Stack>
            </Group>
            {removable && (
              <ActionIcon
                variant="subtle"
                color="red"
                loading={removing === a.id}
                onClick={() => void remove(a)}
                aria-label={t('consult.form.removeAttachment', { name: a.filename })}
                data-testid="consult-attachment-remove"
              >
                ×
              </ActionIcon>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
