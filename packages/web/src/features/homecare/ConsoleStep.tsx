import { Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { ConsoleStep, StepView } from './visit-steps';

export type StepStatus = 'done' | 'current' | 'open' | 'locked' | 'closed';

/** Reasons that will not go away: the step is closed rather than "not yet". */
const FINAL: readonly (StepView['why'] & string)[] = ['emergency', 'cancelled', 'ended', 'too_late', 'not_yours'];

export function stepStatus(view: StepView, current: boolean): StepStatus {
  if (view.done) return 'done';
  if (current) return 'current';
  if (view.available) return 'open';
  return view.why && FINAL.includes(view.why) ? 'closed' : 'locked';
}

const STATUS_COLOR: Record<StepStatus, string> = { done: 'green', current: 'blue', open: 'gray', locked: 'gray', closed: 'gray' };

/**
 * One step of the doctor's visit, numbered as Official Dispatch 7946/BYT-KCB orders them: its state (done, now,
 * open, locked) in words as well as colour, and why it is locked when it is.
 */
export function ConsoleStepSection({
  step,
  number,
  view,
  current,
  children,
}: {
  step: ConsoleStep;
  number: number;
  view: StepView;
  current: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const status = stepStatus(view, current);
  const titleId = `visit-step-${step}-title`;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={titleId}
      aria-current={current ? 'step' : undefined}
      data-testid={`visit-step-${step}`}
      data-status={status}
      style={current ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" align="center" miw={0}>
            <ThemeIcon radius="xl" size="md" color={STATUS_COLOR[status]} variant={view.done || current ? 'filled' : 'light'} aria-hidden>
              {view.done ? '✓' : number}
            </ThemeIcon>
            <Title order={2} size="h4" id={titleId}>
              {t(`care.step.${step}`)}
            </Title>
          </Group>
          <Badge color={STATUS_COLOR[status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
            {t(`care.stepStatus.${status}`)}
          </Badge>
        </Group>
        {!view.done && view.why && (
          <Text size="sm" c="dimmed" data-testid={`visit-step-${step}-why`} data-why={view.why}>
            {t(`care.lock.${view.why}`)}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
