import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import type { NetworkOverview } from '@vuonxa/core';
import type { CSSProperties } from 'react';
import { useT } from '../../i18n/use-t';
import { COVERAGE_BANDS, TILE_COLUMNS, coverageBand, shortProvinceName, tilePlaces } from './province-layout';
import type { CoverageBand } from './province-layout';

type ProvinceOverview = NetworkOverview['provinces'][number];

/** No bridge site at all: hatched red, so the gap shows even to a reader who cannot tell the colours apart. */
const NONE_STYLE: CSSProperties = {
  background: 'repeating-linear-gradient(135deg, var(--mantine-color-red-1) 0 6px, var(--mantine-color-red-3) 6px 9px)',
  border: '2px solid var(--mantine-color-red-7)',
};

function bandStyle(band: CoverageBand): CSSProperties {
  if (band === 'none') return NONE_STYLE;
  const color = COVERAGE_BANDS.find((b) => b.key === band)?.color;
  return { background: color, border: '1px solid var(--mantine-color-gray-4)' };
}

interface Props {
  provinces: readonly ProvinceOverview[];
  selected: string;
  onSelect: (provinceCode: string) => void;
}

/**
 * The 34 provinces as tiles laid out roughly like the map, north to south, coloured by the share of
 * communes that have a bridge site. Each tile is a toggle button that filters the facility list.
 */
export function ProvinceGrid({ provinces, selected, onSelect }: Props) {
  const t = useT();
  const places = tilePlaces(provinces.map((p) => p.provinceCode));
  return (
    <Box>
      <Box
        role="group"
        aria-label={t('network.grid.label')}
        data-testid="province-grid"
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`,
          gridAutoRows: 'minmax(64px, auto)',
          gap: 4,
        }}
      >
        {provinces.map((p) => {
          const [col, row] = places.get(p.provinceCode) ?? [0, 0];
          const band = coverageBand(p);
          const without = Math.max(0, p.communes - p.communesWithSite);
          const name = shortProvinceName(p.provinceName);
          const isSelected = selected === p.provinceCode;
          return (
            <UnstyledButton
              key={p.provinceCode}
              onClick={() => onSelect(isSelected ? '' : p.provinceCode)}
              aria-pressed={isSelected}
              aria-label={t('network.tile.aria', {
                name: p.provinceName,
                facilities: p.facilities,
                sites: p.sites,
                without,
                communes: p.communes,
              })}
              title={p.provinceName}
              data-testid={`province-tile-${p.provinceCode}`}
              data-coverage={band}
              p={4}
              style={{
                ...bandStyle(band),
                gridColumn: col + 1,
                gridRow: row + 1,
                borderRadius: 6,
                minWidth: 0,
                outline: isSelected ? '3px solid var(--mantine-color-cyan-9)' : undefined,
                outlineOffset: 1,
                color: 'var(--mantine-color-dark-9)',
              }}
            >
              <Text fz={11} fw={700} lh={1.2} truncate>
                {name}
              </Text>
              <Text fz={11} lh={1.3} truncate style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t('network.tile.counts', { facilities: p.facilities, sites: p.sites })}
              </Text>
              {without > 0 && (
                <Text fz={11} lh={1.3} fw={band === 'none' ? 700 : 500} c="red.9" truncate>
                  {t('network.tile.without', { count: without })}
                </Text>
              )}
            </UnstyledButton>
          );
        })}
      </Box>
      <CoverageLegend />
    </Box>
  );
}

function CoverageLegend() {
  const t = useT();
  const items: { band: CoverageBand; label: string }[] = [
    { band: 'none', label: t('network.legend.none') },
    { band: 'veryLow', label: t('network.legend.veryLow') },
    { band: 'low', label: t('network.legend.low') },
    { band: 'medium', label: t('network.legend.medium') },
    { band: 'high', label: t('network.legend.high') },
  ];
  return (
    <Group gap="sm" mt="sm" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={t('network.legend.title')}>
      {items.map((i) => (
        <Group key={i.band} gap={6} component="li" wrap="nowrap">
          <Box w={18} h={14} style={{ ...bandStyle(i.band), borderRadius: 3 }} aria-hidden="true" />
          <Text size="xs">{i.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
