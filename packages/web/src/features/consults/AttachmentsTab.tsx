import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { ConsultDetail } from '@vuonxa/core';
import { Suspense, lazy, useMemo, useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { useT } from '../../i18n/use-t';
import { groupDicom } from '../dicom/dicom-series';
import type { DicomSeries } from '../dicom/dicom-series';
import { AttachmentGallery } from './AttachmentGallery';
import { FileIcon } from './FileIcon';

// The viewer and dicom-parser are downloaded only when a series is opened.
const DicomViewer = lazy(() => import('../dicom/DicomViewer').then((m) => ({ default: m.DicomViewer })));

/** The case's files: images, PDFs and videos as tiles; DICOM as studies and series, opened in the viewer. */
export function AttachmentsTab({ detail }: { detail: ConsultDetail }) {
  const t = useT();
  const others = detail.attachments.filter((a) => a.kind !== 'dicom');
  const studies = useMemo(() => groupDicom(detail.attachments), [detail.attachments]);
  const allSeries = useMemo(() => studies.flatMap((s) => s.series), [studies]);
  const [open, setOpen] = useState<string | null>(null);

  if (open !== null && allSeries.length > 0) {
    return (
      <Stack gap="xs">
        <Group>
          <Button variant="subtle" onClick={() => setOpen(null)} data-testid="dicom-close">
            ‹ {t('dicom.back')}
          </Button>
        </Group>
        <Suspense fallback={<PageLoader />}>
          <DicomViewer series={allSeries} initialSeriesUid={open} />
        </Suspense>
      </Stack>
    );
  }

  if (detail.attachments.length === 0) {
    return (
      <Text c="dimmed" py="md" ta="center">
        {t('case.attachments.empty')}
      </Text>
    );
  }

  return (
    <Stack gap="lg">
      {others.length > 0 && <AttachmentGallery attachments={others} />}
      {studies.map((study, i) => (
        <Stack key={study.uid} gap="xs" component="section">
          <Title order={3} size="h5">
            {t('dicom.study', { n: i + 1 })}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
            {study.series.map((s) => (
              <SeriesCard key={s.uid} series={s} onOpen={() => setOpen(s.uid)} />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function SeriesCard({ series: s, onOpen }: { series: DicomSeries; onOpen: () => void }) {
  const t = useT();
  const first = s.instances[0];
  const size = first ? `${String(first.meta['columns'] ?? '?')}×${String(first.meta['rows'] ?? '?')}` : '';
  return (
    <UnstyledButton onClick={onOpen} data-testid="dicom-series" aria-label={t('dicom.openSeries', { name: s.description ?? s.uid })}>
      <Paper withBorder p="sm" radius="md">
        <Group wrap="nowrap" gap="sm">
          <FileIcon kind="dicom" size={40} />
          <Stack gap={2} miw={0}>
            <Text size="sm" fw={600} lineClamp={1}>
              {s.description ?? t('dicom.series.untitled')}
            </Text>
            <Group gap={4}>
              {s.modality && (
                <Badge size="sm" variant="light" tt="none">
                  {s.modality}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {[
                  s.number !== null ? t('dicom.series.number', { n: s.number }) : null,
                  t('dicom.instances', { count: s.instances.length }),
                  size,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Group>
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
