import { Skeleton, Table, Text } from '@mantine/core';
import type { MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  /** Column headings; their number is the number of columns. */
  headers: readonly ReactNode[];
  loading: boolean;
  /** Said in the table when it has no row. */
  empty: string;
  /** Below this width the table scrolls sideways inside itself, never the page (tablet in portrait). */
  minWidth: number;
  testId?: string;
  verticalSpacing?: MantineSpacing;
  skeleton?: { rows: number; height: number };
  /** The rows, when loaded. */
  children: ReactNode;
  isEmpty: boolean;
}

/**
 * A striped list table with skeleton rows while loading and a message when empty.
 *
 * @example
 * <ListTable headers={[t('a'), t('b')]} loading={list.loading} isEmpty={list.items.length === 0} empty={t('x.empty')} minWidth={720}>
 *   {rows}
 * </ListTable>
 */
export function ListTable({ headers, loading, empty, minWidth, testId, verticalSpacing = 'sm', skeleton, children, isEmpty }: Props) {
  const cols = headers.length;
  const { rows: skeletonRows, height } = skeleton ?? { rows: 4, height: 24 };
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table striped highlightOnHover verticalSpacing={verticalSpacing} aria-busy={loading} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) => (
              <Table.Th key={i}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: skeletonRows }, (_, i) => (
                <Table.Tr key={`s${i}`}>
                  <Table.Td colSpan={cols}>
                    <Skeleton h={height} />
                  </Table.Td>
                </Table.Tr>
              ))
            : children}
          {!loading && isEmpty && (
            <Table.Tr>
              <Table.Td colSpan={cols}>
                <Text c="dimmed" ta="center" py="md">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
