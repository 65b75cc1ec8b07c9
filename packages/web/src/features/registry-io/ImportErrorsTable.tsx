import { Button, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ChevronDown } from '../../components/icons';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { rowErrorsCsv, saveFile } from './csv-columns';
import type { ImportKind } from './csv-columns';
import type { RefusedImport } from './registry-io.api';

// A refused 5 MB file can have tens of thousands of bad rows: the table grows by pages, the CSV has them all.
const PAGE = 200;

/** Every bad row of a refused import: line, field and problem, sortable by line, downloadable as CSV. */
export function ImportErrorsTable({ kind, refused: { rows, total } }: { kind: ImportKind; refused: RefusedImport }) {
  const t = useT();
  const [descending, setDescending] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const sorted = useMemo(
    () => [...rows].sort((a, b) => (descending ? b.line - a.line : a.line - b.line) || a.field.localeCompare(b.field)),
    [rows, descending],
  );

  function download(): void {
    const header = [t('io.errors.line'), t('io.errors.field'), t('io.errors.problem')] as const;
    saveFile(rowErrorsCsv(header, sorted), `vuonxa-${kind}-errors.csv`);
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="import-errors">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" c="red.9" data-testid="import-error-count">
          {t('io.errors.title', { count: formatNumber(total, t.locale) })}
        </Title>
        <Button variant="light" size="compact-sm" onClick={download} data-testid="import-errors-download">
          {t('io.errors.download')}
        </Button>
      </Group>
      {total > rows.length && (
        <Text size="sm" mb="sm">
          {t('io.errors.cut', { listed: formatNumber(rows.length, t.locale), total: formatNumber(total, t.locale) })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={400} type="native">
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th aria-sort={descending ? 'descending' : 'ascending'} w={84}>
                <UnstyledButton onClick={() => setDescending((d) => !d)} fw={700} fz="sm" data-testid="import-errors-sort">
                  <Group gap={4} wrap="nowrap">
                    {t('io.errors.line')}
                    <span style={{ display: 'inline-flex', transform: descending ? undefined : 'rotate(180deg)' }}>
                      <ChevronDown size={12} />
                    </span>
                  </Group>
                </UnstyledButton>
              </Table.Th>
              <Table.Th w={150}>{t('io.errors.field')}</Table.Th>
              <Table.Th>{t('io.errors.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.slice(0, shown).map((r, i) => (
              <Table.Tr key={`${r.line}:${r.field}:${i}`} data-testid="import-error-row">
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{r.line}</Table.Td>
                <Table.Td ff="monospace" fz="xs" style={{ overflowWrap: 'anywhere' }}>
                  {r.field}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown < sorted.length && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {t('io.errors.shown', { shown: formatNumber(shown, t.locale), total: formatNumber(sorted.length, t.locale) })}
          </Text>
          <Button variant="light" size="compact-sm" onClick={() => setShown((n) => n + PAGE)}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
