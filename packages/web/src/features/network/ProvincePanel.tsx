import { Anchor, Badge, Button, CloseButton, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { NetworkOverview } from '@vuonxa/core';
import { useEffect, useRef } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { facilitiesApi, facilityFiltersToSearch } from '../facilities/facilities.api';
import { shortProvinceName, siteCoverage } from './province-layout';

type ProvinceOverview = NetworkOverview['provinces'][number];

interface Props {
  province: ProvinceOverview | undefined;
  provinces: readonly ProvinceOverview[];
  onSelect: (provinceCode: string) => void;
}

/** Beside the tile map: the chosen province's figures and facilities, or the provinces without any site. */
export function ProvincePanel({ province, provinces, onSelect }: Props) {
  const t = useT();
  if (!province) {
    const bare = provinces.filter((p) => p.sites === 0);
    return (
      <Paper withBorder p="md" radius="md">
        <Text size="sm" mb="sm">
          {t('network.panel.choose')}
        </Text>
        {bare.length > 0 && (
          <>
            <Title order={3} size="h5" mb={6}>
              {t('network.panel.bare')}
            </Title>
            <Group gap={6}>
              {bare.map((p) => (
                <Button key={p.provinceCode} size="compact-sm" variant="light" color="red" onClick={() => onSelect(p.provinceCode)}>
                  {shortProvinceName(p.provinceName)}
                </Button>
              ))}
            </Group>
          </>
        )}
      </Paper>
    );
  }
  return <ProvinceDetail key={province.provinceCode} province={province} onClose={() => onSelect('')} />;
}

function ProvinceDetail({ province: p, onClose }: { province: ProvinceOverview; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // In portrait the panel sits under the 14-row map: bring it into view when a province is chosen.
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), []);
  const list = usePagedList(`province:${p.provinceCode}`, (cursor, signal) =>
    facilitiesApi.list({ provinceCode: p.provinceCode }, cursor, signal),
  );
  const coverage = Math.round(siteCoverage(p) * 100);
  const figures = [
    [t('network.total.facilities'), p.facilities],
    [t('network.total.sites'), t('network.panel.activeOf', { active: p.activeSites, total: p.sites })],
    [t('network.total.practitioners'), p.practitioners],
    [
      t('network.panel.communesWithSite'),
      t('network.panel.coverage', { with: p.communesWithSite, communes: p.communes, percent: coverage }),
    ],
  ] as const;

  return (
    <Paper withBorder p="md" radius="md" data-testid="province-panel" ref={ref}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={3} size="h4">
          {p.provinceName}
        </Title>
        <CloseButton onClick={onClose} aria-label={t('network.panel.clear')} />
      </Group>
      <Stack gap={4} component="dl" m={0} mb="sm">
        {figures.map(([label, value]) => (
          <Group key={label} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" component="dt">
              {label}
            </Text>
            <Text size="sm" fw={600} component="dd" m={0} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {typeof value === 'number' ? formatNumber(value, t.locale) : value}
            </Text>
          </Group>
        ))}
      </Stack>
      {p.sites === 0 && (
        <Badge color="red" variant="filled" tt="none" mb="sm">
          {t('network.panel.noSite')}
        </Badge>
      )}
      <Group justify="space-between" mb={6}>
        <Title order={4} size="h5">
          {t('network.panel.facilities')}
        </Title>
        <Anchor component={Link} href={`/facilities${facilityFiltersToSearch({ provinceCode: p.provinceCode })}`} size="sm">
          {t('network.panel.openList')}
        </Anchor>
      </Group>
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <Stack gap={6} component="ul" p={0} m={0} mb="xs" style={{ listStyle: 'none' }} aria-busy={list.loading}>
        {list.loading && [0, 1, 2].map((i) => <Skeleton key={i} h={36} />)}
        {!list.loading && list.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('facilities.empty')}
          </Text>
        )}
        {list.items.map((f) => (
          <li key={f.id} data-testid="network-facility">
            <Anchor component={Link} href={`/facilities/${encodeURIComponent(f.id)}`} size="sm" fw={500}>
              {f.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`facilityType.${f.type}`)}
              {f.technicalLevel ? ` · ${t(`techLevel.${f.technicalLevel}`)}` : ''}
            </Text>
          </li>
        ))}
      </Stack>
      <PagedTableFooter list={list} />
    </Paper>
  );
}
