import { Box, Code, Modal, Stack, Text } from '@mantine/core';
import type { AuditEventView } from '@vuonxa/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { actionLabel } from './audit-labels';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </>
  );
}

/** Every field of one audit event, with ids in full and the recorded details. */
export function AuditDetailModal({ event, onClose }: { event: AuditEventView | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      opened={event !== null}
      onClose={onClose}
      title={t('audit.details')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {event && (
        <Stack>
          <Box style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '6px 16px' }}>
            <Row label={t('audit.col.at')}>{formatDateTime(event.at, t.locale)}</Row>
            <Row label={t('audit.col.action')}>{actionLabel(t, event.action)}</Row>
            <Row label={t('audit.col.outcome')}>{t(`audit.outcome.${event.outcome}`)}</Row>
            <Row label={t('audit.col.actor')}>{[event.actorName, event.actorUserId].filter(Boolean).join(' · ') || '—'}</Row>
            <Row label={t('audit.col.entity')}>{[event.entityType, event.entityId].filter(Boolean).join(' · ') || '—'}</Row>
            <Row label={t('audit.col.facility')}>{event.actingFacilityId ?? '—'}</Row>
            <Row label={t('audit.col.ip')}>{event.ip ?? '—'}</Row>
            <Row label={t('audit.requestId')}>{event.requestId ?? '—'}</Row>
          </Box>
          <Code block>{JSON.stringify(event.details, null, 2)}</Code>
        </Stack>
      )}
    </Modal>
  );
}
