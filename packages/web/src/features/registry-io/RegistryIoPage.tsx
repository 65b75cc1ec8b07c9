import { Stack, Text, Title } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** Bulk import and export of facilities, bridge sites and practitioners (`registry.import`). */
export function RegistryIoPage() {
  const t = useT();
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('io.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('io.intro')}
        </Text>
      </Stack>
      <ImportPanel />
      <ExportPanel />
    </Stack>
  );
}
