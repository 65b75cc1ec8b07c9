import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { RemoteCareCondition, SpecialtyCode } from '@vuonxa/core';
import { useMemo, useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { CardSkeletons } from './PhonePage';
import { groupConditions } from './homecare-logic';
import { referenceApi } from './homecare.api';

/**
 * The Circular 30/2023/TT-BYT list of conditions that may be seen remotely, searchable (accents optional, ICD-10
 * codes too) and grouped by specialty. Only a listed condition can be picked: the law allows no other.
 */
export function ConditionPicker({
  onPick,
  specialty,
}: {
  onPick: (condition: RemoteCareCondition) => void;
  /** This specialty's conditions first (a walk-in clinic of one specialty); the others stay reachable. */
  specialty?: SpecialtyCode | null;
}) {
  const t = useT();
  const conditions = useQuery('remote-care-conditions', (signal) => referenceApi.conditions(signal));
  return (
    <Stack gap="sm">
      <Alert color="blue" data-testid="book-conditions-note">
        <Text size="sm">{t('book.condition.note')}</Text>
      </Alert>
      <QueryState query={conditions} skeleton={<CardSkeletons count={4} height={52} />}>
        {(list) => <ConditionList list={list} specialty={specialty} onPick={onPick} />}
      </QueryState>
    </Stack>
  );
}

function ConditionList({
  list,
  specialty,
  onPick,
}: {
  list: RemoteCareCondition[];
  specialty?: SpecialtyCode | null;
  onPick: (condition: RemoteCareCondition) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupConditions(list, query, t.locale, specialty), [list, query, t.locale, specialty]);
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <Stack gap="md">
      <TextInput
        type="search"
        label={t('book.condition.search')}
        placeholder={t('book.condition.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        size="md"
        autoComplete="off"
        data-testid="book-condition-search"
      />
      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {t('book.condition.count', { count })}
      </Text>
      {count === 0 ? (
        <Alert color="yellow" data-testid="book-conditions-none">
          {t('book.condition.none')}
        </Alert>
      ) : (
        groups.map((g) => (
          <Stack key={g.id} gap="xs" component="section" aria-labelledby={`cond-group-${g.id}`}>
            <Title order={3} size="h5" id={`cond-group-${g.id}`} c="dimmed">
              {g.label}
            </Title>
            {g.items.map((c) => (
              <Button
                key={c.no}
                variant="default"
                size="md"
                h="auto"
                mih={48}
                py={8}
                fullWidth
                justify="flex-start"
                onClick={() => onPick(c)}
                data-testid={`book-condition-${c.no}`}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              >
                <Stack gap={0} align="flex-start">
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.icd10Codes.length > 0
                      ? t('book.condition.itemWithCodes', { no: c.no, codes: c.icd10Codes.join(', ') })
                      : t('book.condition.item', { no: c.no })}
                  </Text>
                </Stack>
              </Button>
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}
