import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

/** The offer of what was typed on this device and not saved (since `savedAt`): put it back, or drop it. */
export function LocalDraftOffer({ savedAt, onRestore, onDiscard }: { savedAt: string; onRestore: () => void; onDiscard: () => void }) {
  const t = useT();
  return (
    <Alert color="blue" data-testid="consult-restore">
      <Stack gap="xs">
        <Text size="sm">{t('consult.form.restoreOffer', { time: formatDateTime(savedAt, t.locale) })}</Text>
        <Group gap="xs">
          <Button size="xs" onClick={onRestore}>
            {t('consult.form.restore')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onDiscard}>
            {t('consult.form.discardLocal')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Someone else saved the request since it was read: reload theirs (what was typed here is offered back). */
export function VersionConflictAlert({ onReload }: { onReload: () => void }) {
  const t = useT();
  return (
    <Alert color="orange" role="alert" tabIndex={-1} data-testid="consult-conflict">
      <Stack gap="xs">
        <Text size="sm">{t('consult.form.conflict')}</Text>
        <Group>
          <Button size="xs" color="orange" onClick={onReload}>
            {t('consult.form.reload')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
