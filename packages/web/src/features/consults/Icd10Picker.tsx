import { ActionIcon, Combobox, Group, Input, Loader, Paper, SegmentedControl, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { icd10EntrySchema } from '@vuonxa/core';
import type { Icd10Entry } from '@vuonxa/core';
import { useEffect, useId, useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { errorMessage } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';

/** One chosen diagnosis (`diagnosisInputSchema`), with its names when known (from a search or a saved request). */
export interface DiagnosisValue {
  code: string;
  kind: 'working' | 'differential';
  note: string | null;
  nameVi?: string;
  nameEn?: string | null;
}

/** The schema's limit of diagnoses per request. */
export const MAX_DIAGNOSES = 12;

interface Props {
  value: readonly DiagnosisValue[];
  onChange: (value: DiagnosisValue[]) => void;
  label?: string;
  description?: string;
  /** The problem of the whole list (`diagnoses`), e.g. "at least one diagnosis" from submit. */
  error?: string;
  /** A problem of one item by index (`diagnoses.0.code`). */
  itemError?: (index: number, field: 'code' | 'note') => string | undefined;
  withAsterisk?: boolean;
  disabled?: boolean;
  /** The search input's test id (`icd10-picker` by default). */
  testId?: string;
  /** How the two kinds are called where they mean something else (a visit note's main and secondary diagnoses). */
  kindLabels?: { working: string; differential: string };
  /** Whether each diagnosis takes a note (true by default; a visit note's diagnoses have none). */
  withNote?: boolean;
  /** At most this many diagnoses (`MAX_DIAGNOSES` by default). */
  max?: number;
}

const icd10ListSchema = z.array(icd10EntrySchema);

function nameOf(d: { nameVi?: string; nameEn?: string | null }, locale: string): string {
  return (locale === 'vi' ? d.nameVi : (d.nameEn ?? d.nameVi)) ?? '';
}

/**
 * Diagnoses by ICD-10 (`GET /api/icd10?q=`): type a code prefix ("E11") or words of the name, with or without
 * accents; each chosen code is a working or a differential diagnosis, with an optional note. The first chosen is
 * the working diagnosis, the others differential, until changed.
 *
 * @example
 * <Icd10Picker value={diagnoses} onChange={setDiagnoses} error={form.err('diagnoses')} />
 */
export function Icd10Picker({
  value,
  onChange,
  label,
  description,
  error,
  itemError,
  withAsterisk,
  disabled,
  testId = 'icd10-picker',
  kindLabels,
  withNote = true,
  max = MAX_DIAGNOSES,
}: Props) {
  const t = useT();
  const listId = useId();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useQuery(`icd10:${debounced}`, (signal) =>
    debounced.length === 0
      ? Promise.resolve<Icd10Entry[]>([])
      : api.get('/api/icd10', icd10ListSchema, { query: { q: debounced, limit: 20 }, signal }),
  );
  const full = value.length >= max;
  const chosen = new Set(value.map((d) => d.code));
  const options = (results.data ?? []).filter((e) => !chosen.has(e.code));
  const searching = search.trim() !== debounced || results.loading;

  // The first match is highlighted as results arrive, so Enter picks it.
  const { selectFirstOption } = combobox;
  useEffect(() => {
    if (results.data && results.data.length > 0) selectFirstOption();
  }, [results.data, selectFirstOption]);

  function add(entry: Icd10Entry): void {
    if (full || chosen.has(entry.code)) return;
    const kind = value.some((d) => d.kind === 'working') ? 'differential' : 'working';
    onChange([...value, { code: entry.code, kind, note: null, nameVi: entry.nameVi, nameEn: entry.nameEn }]);
    setSearch('');
    combobox.closeDropdown();
  }

  const change = (index: number, patch: Partial<DiagnosisValue>) => onChange(value.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  return (
    <Stack gap="xs">
      <Combobox
        store={combobox}
        onOptionSubmit={(code) => {
          const entry = options.find((o) => o.code === code);
          if (entry) add(entry);
        }}
        withinPortal
      >
        <Combobox.Target>
          <TextInput
            label={label ?? t('consult.icd10.label')}
            description={description ?? (full ? t('consult.icd10.full', { max }) : t('consult.icd10.hint'))}
            placeholder={t('consult.icd10.placeholder')}
            withAsterisk={withAsterisk}
            value={search}
            disabled={disabled || full}
            error={error}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            rightSection={searching && debounced !== '' ? <Loader size={16} aria-label={t('common.loading')} /> : null}
            data-testid={testId}
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={search.trim() === ''}>
          <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
            {results.error !== undefined ? (
              <Combobox.Empty>{errorMessage(t, results.error)}</Combobox.Empty>
            ) : options.length === 0 ? (
              <Combobox.Empty>{searching ? t('common.loading') : t('consult.icd10.noMatch')}</Combobox.Empty>
            ) : (
              options.map((o) => (
                <Combobox.Option value={o.code} key={o.code} data-testid="icd10-option">
                  <Text size="sm" span fw={700} ff="monospace">
                    {o.code}
                  </Text>{' '}
                  <Text size="sm" span>
                    {nameOf(o, t.locale)}
                  </Text>
                </Combobox.Option>
              ))
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {value.length > 0 && (
        <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('consult.icd10.chosen')} id={listId}>
          {value.map((d, i) => (
            <Paper key={d.code} component="li" withBorder p="xs" radius="sm" data-testid="icd10-chosen">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={4} miw={0} style={{ flex: 1 }}>
                  <Text size="sm">
                    <Text span fw={700} ff="monospace">
                      {d.code}
                    </Text>{' '}
                    {nameOf(d, t.locale)}
                  </Text>
                  {itemError?.(i, 'code') && <Input.Error role="alert">{itemError(i, 'code')}</Input.Error>}
                  <Group gap="xs" align="flex-end" wrap="wrap">
                    <SegmentedControl
                      size="xs"
                      value={d.kind}
                      disabled={disabled}
                      onChange={(k) => change(i, { kind: k === 'differential' ? 'differential' : 'working' })}
                      data={[
                        { value: 'working', label: kindLabels?.working ?? t('consult.icd10.kind.working') },
                        { value: 'differential', label: kindLabels?.differential ?? t('consult.icd10.kind.differential') },
                      ]}
                      aria-label={t('consult.icd10.kindOf', { code: d.code })}
                    />
                    {withNote && (
                      <TextInput
                        size="xs"
                        style={{ flex: '1 1 200px' }}
                        aria-label={t('consult.icd10.noteOf', { code: d.code })}
                        placeholder={t('consult.icd10.note')}
                        value={d.note ?? ''}
                        maxLength={300}
                        disabled={disabled}
                        error={itemError?.(i, 'note')}
                        onChange={(e) => change(i, { note: e.currentTarget.value === '' ? null : e.currentTarget.value })}
                      />
                    )}
                  </Group>
                </Stack>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={disabled}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                  aria-label={t('consult.icd10.remove', { code: d.code })}
                >
                  ×
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
