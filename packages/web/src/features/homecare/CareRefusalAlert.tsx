import { Alert } from '@mantine/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { CareRefusal } from './care-refusal';

/** Why the server refused a step of the visit, in plain words; the reason is on `data-reason` for tests and support. */
export function CareRefusalAlert({ refusal, testId }: { refusal: CareRefusal; testId: string }) {
  const t = useT();
  return (
    <Alert color="orange" role="alert" tabIndex={-1} data-testid={testId} data-reason={refusal.reason}>
      {t(refusal.key, { time: refusal.opensAt ? formatDateTime(refusal.opensAt, t.locale) : '' })}
    </Alert>
  );
}
