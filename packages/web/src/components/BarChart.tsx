import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { formatNumber } from '../i18n/format';
import { useT } from '../i18n/use-t';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/**
 * Horizontal bars in plain CSS: a chart library would weigh more than the page. Each bar's number is
 * written beside it, so the chart reads the same without colour or sight (the bars are decoration).
 *
 * @example
 * <BarChart title={t('network.byType')} bars={[{ key: 'a', label: 'Commune stations', value: 3321 }]} />
 */
export function BarChart({
  title,
  bars,
  color = 'cyan',
  testId,
}: {
  title: string;
  bars: readonly Bar[];
  color?: string;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <Paper withBorder p="md" radius="md" component="figure" m={0} aria-labelledby={id} data-testid={testId}>
      <Title order={3} size="h5" id={id} mb="sm" component="figcaption">
        {title}
      </Title>
      <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {bars.map((b) => (
          <Box component="li" key={b.key}>
            <Text size="sm" component="span" display="flex" style={{ justifyContent: 'space-between', gap: 8 }}>
              <span>{b.label}</span>
              <Text span fw={600} size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(b.value, t.locale)}
              </Text>
            </Text>
            <Box h={8} bg="gray.1" style={{ borderRadius: 4 }} aria-hidden="true">
              <Box h={8} bg={`${color}.6`} style={{ width: `${(b.value / max) * 100}%`, minWidth: b.value > 0 ? 3 : 0, borderRadius: 4 }} />
            </Box>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}
