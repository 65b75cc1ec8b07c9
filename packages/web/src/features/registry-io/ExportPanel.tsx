import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IMPORT_KINDS } from '@vuonxa/core';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import type { Problem } from '../../i18n/error-message';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ProvinceSelect } from '../geo/ProvinceSelect';
import { isImportKind, saveFile } from './csv-columns';
import type { ImportKind } from './csv-columns';
import { registryIoApi } from './registry-io.api';

/** Export of one kind as CSV, for the whole network or one province; same columns as the import. */
export function ExportPanel() {
  const t = useT();
  const [kind, setKind] = useState<ImportKind>('facilities');
  const [provinceCode, setProvinceCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function download(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const blob = await registryIoApi.export(kind, provinceCode);
      saveFile(blob, `vuonxa-${kind}-${provinceCode || 'all'}-${localIsoDate()}.csv`);
    } catch (error) {
      setProblem({ error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="io-export">
      <Stack gap="md">
        <Title order={2} size="h4" id="io-export">
          {t('io.export.title')}
        </Title>
        <Text size="sm">{t('io.export.help')}</Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('io.kind')}
            value={kind}
            onChange={(e) => isImportKind(e.currentTarget.value) && setKind(e.currentTarget.value)}
            data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`io.kind.${k}`) }))}
            miw={220}
            data-testid="export-kind"
          />
          <div style={{ flex: '0 1 300px', minWidth: 200 }}>
            <ProvinceSelect
              label={t('facility.province')}
              value={provinceCode}
              onChange={setProvinceCode}
              anyLabel={t('io.export.allProvinces')}
            />
          </div>
          <Button onClick={() => void download()} loading={busy} data-testid="export-download">
            {t('io.export.download')}
          </Button>
        </Group>
        <FormAlert problem={problem} />
      </Stack>
    </Paper>
  );
}
