import { Button, Group, Text } from '@mantine/core';
import type { PagedList } from '../api/use-paged-list';
import { useT } from '../i18n/use-t';

type FooterList = Pick<PagedList<unknown>, 'items' | 'loading' | 'loadingMore' | 'hasMore' | 'loadMore'>;

/**
 * Under a keyset-paged list: how many rows are shown (announced politely) and "load more" while the
 * server has more.
 *
 * @example
 * <PagedTableFooter list={list} moreTestId="audit-more" />
 */
export function PagedTableFooter({ list, moreTestId }: { list: FooterList; moreTestId?: string }) {
  const t = useT();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {list.loading ? t('common.loading') : t('list.shown', { count: list.items.length })}
      </Text>
      {list.hasMore && (
        <Button variant="light" onClick={list.loadMore} loading={list.loadingMore} data-testid={moreTestId}>
          {t('list.loadMore')}
        </Button>
      )}
    </Group>
  );
}
