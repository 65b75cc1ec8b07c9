import { Alert, Anchor, Box, Button, Code, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IMPORT_KINDS } from '@vuonxa/core';
import type { ImportResult } from '@vuonxa/core';
import { useState } from 'react';
import { FilePicker } from '../../components/FilePicker';
import { FormAlert } from '../../components/FormAlert';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { CSV_COLUMNS, MAX_IMPORT_BYTES, isImportKind, saveFile, templateCsv } from './csv-columns';
import type { ImportKind } from './csv-columns';
import { ImportErrorsTable } from './ImportErrorsTable';
import { refusedImport, registryIoApi } from './registry-io.api';
import type { RefusedImport } from './registry-io.api';

interface Loaded {
  name: string;
  size: number;
  csv: string;
}

type Outcome = { result: ImportResult } | { refused: RefusedImport } | { problem: Problem } | null;

/**
 * Bulk import of one kind from a CSV file: check first (`dryRun`), then import. The server refuses the
 * whole file when any row is bad, and lists every bad row.
 */
export function ImportPanel() {
  const t = useT();
  const [kind, setKind] = useState<ImportKind>('facilities');
  const [file, setFile] = useState<Loaded | null>(null);
  const [reading, setReading] = useState(false);
  const [fileProblem, setFileProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function choose(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    setOutcome(null);
    setFile(null);
    setFileProblem(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFileProblem({ key: 'io.file.tooLarge', params: { max: '5 MB' } });
      return;
    }
    setReading(true);
    try {
      // Blob.text() decodes UTF-8 and drops a byte-order mark, as spreadsheet software writes one.
      const csv = await chosen.text();
      if (csv.trim() === '') setFileProblem({ key: 'io.file.empty' });
      else setFile({ name: chosen.name, size: chosen.size, csv });
    } catch {
      setFileProblem({ key: 'io.file.unreadable' });
    } finally {
      setReading(false);
    }
  }

  async function send(dryRun: boolean): Promise<void> {
    if (!file) return setFileProblem({ key: 'io.file.required' });
    setBusy(dryRun ? 'check' : 'import');
    setOutcome(null);
    try {
      setOutcome({ result: await registryIoApi.import(kind, file.csv, dryRun) });
    } catch (error) {
      const refused = refusedImport(error);
      setOutcome(refused ? { refused } : { problem: { error } });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="io-import">
      <Stack gap="md">
        <Title order={2} size="h4" id="io-import">
          {t('io.import.title')}
        </Title>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('io.kind')}
            value={kind}
            onChange={(e) => {
              if (isImportKind(e.currentTarget.value)) setKind(e.currentTarget.value);
              setOutcome(null);
            }}
            data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`io.kind.${k}`) }))}
            data-testid="import-kind"
            miw={220}
          />
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => saveFile(templateCsv(kind), `vuonxa-${kind}-template.csv`)}
            mb={8}
            data-testid="import-template"
          >
            {t('io.template')}
          </Anchor>
        </Group>
        <Box>
          <Text size="sm" mb={4}>
            {t('io.columns')}
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {CSV_COLUMNS[kind].join(',')}
          </Code>
          <Text size="xs" c="dimmed" mt={4}>
            {t('io.columns.hint')}
          </Text>
        </Box>
        <FilePicker
          label={t('io.file')}
          description={t('io.file.hint')}
          error={fileProblem ? describeProblem(t, fileProblem) : undefined}
          buttonLabel={t('io.file.choose')}
          status={
            file ? t('io.file.ready', { name: file.name, size: formatNumber(Math.ceil(file.size / 1024), t.locale) }) : t('io.file.none')
          }
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.currentTarget)}
          testId="import-file"
        />
        {reading && <Text size="sm">{t('io.file.reading')}</Text>}
        <Group gap="sm">
          <Button
            variant="light"
            onClick={() => void send(true)}
            loading={busy === 'check'}
            disabled={!file || busy !== null}
            data-testid="import-check"
          >
            {t('io.check')}
          </Button>
          <Button
            onClick={() => void send(false)}
            loading={busy === 'import'}
            disabled={!file || busy !== null}
            data-testid="import-submit"
          >
            {t('io.import')}
          </Button>
        </Group>
        <div aria-live="polite">
          {busy && <Text size="sm">{busy === 'check' ? t('io.checking') : t('io.importing')}</Text>}
          {outcome && 'result' in outcome && <ResultNotice result={outcome.result} />}
        </div>
        {outcome && 'problem' in outcome && <FormAlert problem={outcome.problem} />}
        {outcome && 'refused' in outcome && <ImportErrorsTable kind={kind} refused={outcome.refused} />}
      </Stack>
    </Paper>
  );
}

function ResultNotice({ result: r }: { result: ImportResult }) {
  const t = useT();
  const params = { rows: r.rows, created: r.created, updated: r.updated };
  // A check (dry run) may not count creations and updates (the server answers 0 and 0): then say only how many rows passed.
  const counted = r.created + r.updated > 0;
  return (
    <Alert
      color={r.dryRun ? 'blue' : 'green'}
      data-testid="import-result"
      title={r.dryRun ? t('io.result.checked.title') : t('io.result.imported.title')}
    >
      {r.dryRun ? (counted ? t('io.result.checkedCounts', params) : t('io.result.checked', params)) : t('io.result.imported', params)}
    </Alert>
  );
}
