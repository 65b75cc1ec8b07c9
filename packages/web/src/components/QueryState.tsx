import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { QueryResult } from '../api/use-query';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/use-t';
import { PageLoader } from './PageLoader';

/**
 * A failed load, said in the reader's language, with a button to try again.
 *
 * @example
 * {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
 */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Alert color="red" role="alert">
      <Group justify="space-between">
        <Text size="sm">{errorMessage(t, error)}</Text>
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}

interface QueryStateProps<T> {
  query: QueryResult<T>;
  /** Shown on the first load; a spinner when omitted. A reload keeps the previous data on screen. */
  skeleton?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The three states of a `useQuery` result: first load, failure (with retry), data.
 *
 * @example
 * <QueryState query={home} skeleton={<Skeleton h={56} />}>{(data) => <TaskList tasks={data.tasks} />}</QueryState>
 */
export function QueryState<T>({ query, skeleton, children }: QueryStateProps<T>) {
  if (query.loading && query.data === undefined) return skeleton ?? <PageLoader />;
  if (query.error !== undefined) return <QueryError error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) return null;
  return children(query.data);
}
