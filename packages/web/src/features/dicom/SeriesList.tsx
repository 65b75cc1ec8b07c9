import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import type { DicomSeries } from './dicom-series';

/** The case's series, one button each; the current one highlighted. */
export function SeriesList({
  series,
  current,
  onChoose,
}: {
  series: readonly DicomSeries[];
  current: string;
  onChoose: (uid: string) => void;
}) {
  const t = useT();
  return (
    <Stack gap={4} w={{ base: '100%', sm: 220 }} component="nav" aria-label={t('dicom.seriesList')}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('dicom.seriesList')}
      </Text>
      <ScrollArea.Autosize mah={{ base: 160, sm: 'min(70vh, 720px)' }}>
        {series.map((s) => (
          <NavLink
            key={s.uid}
            component="button"
            type="button"
            active={s.uid === current}
            aria-current={s.uid === current ? 'true' : undefined}
            onClick={() => onChoose(s.uid)}
            label={s.description ?? t('dicom.series.untitled')}
            description={[
              s.modality,
              s.number !== null ? t('dicom.series.number', { n: s.number }) : null,
              t('dicom.instances', { count: s.instances.length }),
            ]
              .filter(Boolean)
              .join(' · ')}
            data-testid="dicom-series"
          />
        ))}
      </ScrollArea.Autosize>
    </Stack>
  );
}
