import { Badge, Group } from '@mantine/core';
import type { Site } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { LOW_BANDWIDTH_KBPS, formatBandwidth } from '../registry/labels';

/**
 * The link of a site: its kind and bandwidth, with satellite links and links under 1 Mbit/s flagged in
 * orange and in words, since they decide whether a video consultation will hold.
 */
export function LinkBadges({ site, size = 'md' }: { site: Pick<Site, 'linkKind' | 'bandwidthKbps'>; size?: 'md' | 'lg' }) {
  const t = useT();
  const low = site.bandwidthKbps !== null && site.bandwidthKbps < LOW_BANDWIDTH_KBPS;
  const satellite = site.linkKind === 'satellite';
  return (
    <Group gap={4}>
      <Badge variant="light" color={satellite ? 'orange' : 'blue'} tt="none" size={size}>
        {t(`linkKind.${site.linkKind}`)}
      </Badge>
      {site.bandwidthKbps !== null && (
        <Badge
          variant={low ? 'filled' : 'light'}
          color={low ? 'orange' : 'gray'}
          autoContrast
          tt="none"
          size={size}
          data-testid={low ? 'low-bandwidth' : undefined}
        >
          {formatBandwidth(site.bandwidthKbps, t.locale)}
          {low ? ` · ${t('site.lowBandwidth')}` : ''}
        </Badge>
      )}
      {satellite && (
        <Badge variant="outline" color="orange" tt="none" size={size}>
          {t('site.satelliteDelay')}
        </Badge>
      )}
    </Group>
  );
}
