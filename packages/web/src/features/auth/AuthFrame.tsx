import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** The frame of the screens before the app: brand, language switch, one card, and an optional line under it. */
export function AuthFrame({ children, width = 420, footer }: { children: ReactNode; width?: number; footer?: ReactNode }) {
  const t = useT();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Container size={width} px="md" pb="xl">
        <Stack gap="lg">
          <Stack gap={4} align="center" ta="center">
            <Title order={1} c="cyan.9">
              {t('app.name')}
            </Title>
            <Text c="dimmed">{t('app.tagline')}</Text>
          </Stack>
          <Paper component="main" withBorder shadow="sm" p="xl" radius="md">
            {children}
          </Paper>
          {footer}
        </Stack>
      </Container>
    </Box>
  );
}
