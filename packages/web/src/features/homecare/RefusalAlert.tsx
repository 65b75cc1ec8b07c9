import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { Refusal } from './homecare-logic';

/**
 * Why the server refused a booking or a change, in plain words, with what to do next (`actions`). The reason
 * is on `data-reason` for tests and support.
 */
export function RefusalAlert({ refusal, testId, actions }: { refusal: Refusal; testId: string; actions?: ReactNode }) {
  const t = useT();
  return (
    <Alert color="red" role="alert" tabIndex={-1} title={t('refusal.title')} data-testid={testId} data-reason={refusal.reason}>
      <Stack gap="sm">
        <Text size="sm">{t(refusal.key)}</Text>
        {actions}
      </Stack>
    </Alert>
  );
}
