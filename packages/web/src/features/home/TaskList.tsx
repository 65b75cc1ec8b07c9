import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { HomeTask } from '@vuonxa/core';
import type { Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';

const COLORS: Record<HomeTask['severity'], string> = { info: 'blue', warning: 'yellow', critical: 'red' };

/** The task's title; a key this version of the app does not know yet reads as a generic task. */
export function taskTitle(t: Translator, task: HomeTask): string {
  return t.has(task.titleKey) ? t(task.titleKey, task.params) : t('home.task.generic');
}

/** The server's tasks, most severe first, each with the page that resolves it. */
export function TaskList({ tasks }: { tasks: readonly HomeTask[] }) {
  const t = useT();
  const order = { critical: 0, warning: 1, info: 2 } as const;
  const sorted = [...tasks].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <Stack gap="xs" data-testid="home-tasks">
      {sorted.map((task) => (
        <Alert key={task.id} color={COLORS[task.severity]} variant="light" data-severity={task.severity}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={500} style={{ flex: '1 1 240px' }}>
              <Text span size="xs" fw={700} tt="uppercase" mr={8}>
                {t(`severity.${task.severity}`)}
              </Text>
              {taskTitle(t, task)}
            </Text>
            <Button component={Link} href={task.href} size="xs" color={COLORS[task.severity]}>
              {t('home.task.open')}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
