import { Text } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { formatSpan, minutesUntil } from './consult-time';

/**
 * Time left to the hub's response target, or how long it is overdue (red, bold); `now` comes from the
 * caller so a table of forty rows ticks with one timer.
 */
export function DeadlineText({
  due,
  now,
  size = 'sm',
  withDate = false,
}: {
  due: Date;
  now: number;
  size?: MantineSize;
  withDate?: boolean;
}) {
  const t = useT();
  const left = minutesUntil(due, now);
  const overdue = left < 0;
  const span = formatSpan(t, left);
  const when = formatDateTime(due.toISOString(), t.locale);
  return (
    <Text
      size={size}
      c={overdue ? 'red.8' : left < 60 ? 'orange.9' : undefined}
      fw={overdue || left < 60 ? 700 : undefined}
      title={when}
      data-overdue={overdue || undefined}
      component="span"
    >
      {overdue ? t('case.deadline.overdue', { span }) : t('case.deadline.left', { span })}
      {withDate && ` · ${t('case.deadline.due', { time: when })}`}
    </Text>
  );
}
