import { Alert, Box, Flex, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { FACILITY_TYPES, TECHNICAL_LEVELS } from '@vuonxa/core';
import type { NetworkOverview } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { BarChart } from '../../components/BarChart';
import type { Bar } from '../../components/BarChart';
import { QueryState } from '../../components/QueryState';
import { formatNumber } from '../../i18n/format';
import type { Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { navigate, useSearchParams } from '../../router';
import { networkApi } from './network.api';
import { ProvinceGrid } from './ProvinceGrid';
import { ProvincePanel } from './ProvincePanel';

/** Bars in the order of `known` first, then any key the server adds later, labelled by `label`. */
function bars(counts: Record<string, number>, known: readonly string[], label: (key: string) => string): Bar[] {
  const keys = [...known.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !known.includes(k))];
  return keys.map((key) => ({ key, label: label(key), value: counts[key] ?? 0 }));
}

function labelOf(t: Translator, prefix: 'facilityType' | 'techLevel' | 'country', key: string): string {
  const full = `${prefix}.${key}`;
  return t.has(full) ? t(full) : prefix === 'techLevel' ? t('techLevel.none') : key;
}

/** The network at a glance (`facility.read`): totals, by type and level, and where bridge sites are missing. */
export function NetworkPage() {
  const t = useT();
  const params = useSearchParams();
  const selected = params.get('province') ?? '';
  const overview = useQuery('network-overview', (signal) => networkApi.overview(signal));
  const select = (code: string) =>
    navigate(`/network${code ? `?province=${encodeURIComponent(code)}` : ''}`, { replace: true, keepScroll: true });

  return (
    <Stack gap="lg" maw={1400}>
      <Title order={1} size="h2">
        {t('network.title')}
      </Title>
      <QueryState query={overview} skeleton={<OverviewSkeleton />}>
        {(data) => <Overview data={data} selected={selected} onSelect={select} />}
      </QueryState>
    </Stack>
  );
}

function OverviewSkeleton() {
  const t = useT();
  return (
    <Stack aria-busy="true" aria-label={t('common.loading')}>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={84} />
        ))}
      </SimpleGrid>
      <Skeleton h={420} />
    </Stack>
  );
}

function Overview({ data, selected, onSelect }: { data: NetworkOverview; selected: string; onSelect: (code: string) => void }) {
  const t = useT();
  const totals = [
    { key: 'facilities', label: t('network.total.facilities'), value: data.totals.facilities },
    { key: 'sites', label: t('network.total.sites'), value: data.totals.sites },
    { key: 'practitioners', label: t('network.total.practitioners'), value: data.totals.practitioners },
    { key: 'supportLinks', label: t('network.total.supportLinks'), value: data.totals.supportLinks },
  ];
  const communes = data.provinces.reduce((n, p) => n + p.communes, 0);
  const without = data.provinces.reduce((n, p) => n + Math.max(0, p.communes - p.communesWithSite), 0);
  const bare = data.provinces.filter((p) => p.sites === 0).length;
  const province = data.provinces.find((p) => p.provinceCode === selected);

  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="network-totals">
        {totals.map((c) => (
          <Paper key={c.key} withBorder p="md" radius="md">
            <Text fz={28} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatNumber(c.value, t.locale)}
            </Text>
            <Text size="sm" c="dimmed">
              {c.label}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {without > 0 && (
        <Alert color="red" variant="light" data-testid="network-gaps">
          <Text size="sm" fw={600}>
            {t('network.gaps', { without: formatNumber(without, t.locale), communes: formatNumber(communes, t.locale) })}
          </Text>
          {bare > 0 && <Text size="sm">{t('network.gapsProvinces', { count: bare })}</Text>}
        </Alert>
      )}
      <Stack component="section" gap="xs" aria-labelledby="network-provinces">
        <Title order={2} size="h4" id="network-provinces">
          {t('network.provinces')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('network.provinces.help')}
        </Text>
        <Flex gap="lg" wrap="wrap" align="flex-start">
          <Box style={{ flex: '1 1 420px', maxWidth: 640, minWidth: 0 }}>
            <ProvinceGrid provinces={data.provinces} selected={selected} onSelect={onSelect} />
          </Box>
          {/* Sticky beside the map on a landscape tablet; below it in portrait. */}
          <Box style={{ flex: '1 1 300px', minWidth: 0, position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + 16px)' }}>
            <ProvincePanel province={province} provinces={data.provinces} onSelect={onSelect} />
          </Box>
        </Flex>
      </Stack>
      <SimpleGrid type="container" cols={{ base: 1, '40rem': 2, '64rem': 3 }}>
        <BarChart title={t('network.byType')} bars={bars(data.byType, FACILITY_TYPES, (k) => labelOf(t, 'facilityType', k))} />
        <BarChart
          title={t('network.byLevel')}
          bars={bars(data.byLevel, TECHNICAL_LEVELS, (k) => labelOf(t, 'techLevel', k))}
          color="teal"
        />
        <BarChart
          title={t('network.byCountry')}
          bars={bars(data.byCountry, ['VN', 'LA', 'KH'], (k) => labelOf(t, 'country', k))}
          color="indigo"
        />
      </SimpleGrid>
    </>
  );
}
