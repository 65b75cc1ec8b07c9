import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  /** The language of the value when it is not the page's (a Lao name on a Vietnamese page). */
  lang?: string;
  /** Spans the whole width (long text, badge lists). */
  wide?: boolean;
}

/**
 * Labelled values as a description list, two or three columns when the container is wide enough.
 *
 * @example
 * <DetailList items={[{ label: t('facility.code'), value: f.code }]} />
 */
export function DetailList({ items, testId }: { items: readonly Detail[]; testId?: string }) {
  return (
    <SimpleGrid
      component="dl"
      type="container"
      cols={{ base: 1, '36rem': 2, '60rem': 3 }}
      spacing="md"
      verticalSpacing="sm"
      m={0}
      data-testid={testId}
    >
      {items.map((d) => (
        <Box key={d.label} style={d.wide ? { gridColumn: '1 / -1' } : undefined} miw={0}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {d.label}
          </Text>
          <Box component="dd" m={0} fz="sm" lang={d.lang} style={{ overflowWrap: 'anywhere' }}>
            {d.value === null || d.value === undefined || d.value === '' ? '—' : d.value}
          </Box>
        </Box>
      ))}
    </SimpleGrid>
  );
}
