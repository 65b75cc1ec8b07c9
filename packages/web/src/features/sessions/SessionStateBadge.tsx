import { Badge } from '@mantine/core';
import type { ConsultSession } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';

const COLORS: Record<ConsultSession['state'], string> = { scheduled: 'blue', live: 'green.8', ended: 'gray', cancelled: 'red' };

/** A session's state as a coloured badge carrying `data-state` for tests and styles. */
export function SessionStateBadge({ state, testId }: { state: ConsultSession['state']; testId?: string }) {
  const t = useT();
  return (
    <Badge color={COLORS[state]} variant={state === 'live' ? 'filled' : 'light'} tt="none" data-state={state} data-testid={testId}>
      {t(`session.state.${state}`)}
    </Badge>
  );
}
