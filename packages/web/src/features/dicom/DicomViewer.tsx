import { Badge, Box, Group, Loader, Paper, Slider, Stack } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { QueryError } from '../../components/QueryState';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { DicomCanvas, clampZoom } from './DicomCanvas';
import type { Tool, View } from './DicomCanvas';
import { useDicomFrame, useDicomInstance } from './dicom-loader';
import { defaultWindow, fullRangeWindow } from './dicom-render';
import type { DicomImage, Window } from './dicom-render';
import type { DicomSeries } from './dicom-series';
import { DicomProblemAlert } from './DicomProblemAlert';
import { DicomToolbar } from './DicomToolbar';
import { SeriesList } from './SeriesList';

const contentUrl = (attachmentId: string) => `/api/attachments/${encodeURIComponent(attachmentId)}/content`;
const PREFETCH = 4;
const HOME: View = { zoom: 1, pan: { x: 0, y: 0 } };

/**
 * A DICOM viewer (dicom-parser): series list, instance slider (and arrow keys), window/level by dragging and
 * presets, zoom and pan, MONOCHROME1 and RGB. Uncompressed, deflated, RLE Lossless and 8-bit JPEG images are shown;
 * other compressions (JPEG 2000, JPEG-LS, lossless JPEG…) are offered for download instead.
 */
export function DicomViewer({ series, initialSeriesUid }: { series: readonly DicomSeries[]; initialSeriesUid: string }) {
  const t = useT();
  const [seriesUid, setSeriesUid] = useState(initialSeriesUid);
  const current = series.find((s) => s.uid === seriesUid) ?? series[0];
  const [index, setIndex] = useState(0);
  const count = current?.instances.length ?? 0;
  const at = Math.min(index, Math.max(0, count - 1));

  const chooseSeries = (uid: string) => {
    setSeriesUid(uid);
    setIndex(0);
  };
  const step = (delta: number) => setIndex(Math.min(count - 1, Math.max(0, at + delta)));

  function onKey(e: KeyboardEvent<HTMLDivElement>): void {
    // The slider and form controls handle their own keys.
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    if (e.target instanceof HTMLElement && e.target.getAttribute('role') === 'slider') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'PageDown') step(10);
    else if (e.key === 'PageUp') step(-10);
    else if (e.key === 'Home') setIndex(0);
    else if (e.key === 'End') setIndex(count - 1);
    else return;
    e.preventDefault();
  }

  if (!current) return null;
  const instance = current.instances[at];
  return (
    <Paper withBorder radius="md" p="xs" data-testid="dicom-viewer" tabIndex={0} onKeyDown={onKey} aria-label={t('dicom.viewer')}>
      <Group align="stretch" gap="xs" wrap="wrap">
        <SeriesList series={series} current={current.uid} onChoose={chooseSeries} />
        <Stack gap="xs" style={{ flex: '1 1 480px' }} miw={0}>
          {instance && (
            <InstancePane
              key={current.uid}
              url={contentUrl(instance.id)}
              filename={instance.filename}
              prefetch={current.instances.slice(at + 1, at + 1 + PREFETCH).map((i) => contentUrl(i.id))}
              position={{ n: at + 1, count }}
            />
          )}
          {count > 1 && (
            <Slider
              min={1}
              max={count}
              value={at + 1}
              onChange={(v) => setIndex(v - 1)}
              label={(v) => t('dicom.instance', { n: v, count })}
              aria-label={t('dicom.instanceSlider')}
              data-testid="dicom-slider"
            />
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

interface PaneProps {
  url: string;
  filename: string;
  prefetch: readonly string[];
  position: { n: number; count: number };
}

/** One instance: loading, failure, "not shown: download", or the canvas with its tools. */
function InstancePane({ url, filename, prefetch, position }: PaneProps) {
  const t = useT();
  const [nonce, setNonce] = useState(0);
  const { result, error, loading } = useDicomInstance(url, prefetch, nonce);
  // Kept across the slices of a series, as a radiologist expects; reset by the toolbar.
  const [win, setWin] = useState<Window | null>(null);
  const [view, setView] = useState<View>(HOME);
  const [tool, setTool] = useState<Tool>('window');
  const [invert, setInvert] = useState(false);
  const [frame, setFrame] = useState(0);
  const image = result?.ok ? result.image : null;
  const f = image ? Math.min(frame, image.frames - 1) : 0;
  // Native frames are read at once; RLE and JPEG frames are decoded in the background (cached by the loader).
  const decoded = useDicomFrame(url, image, f);
  const [last, setLast] = useState<{ image: DicomImage; stored: Int32Array } | null>(null);
  if (image && decoded.stored && (last?.image !== image || last.stored !== decoded.stored)) setLast({ image, stored: decoded.stored });
  const busy = loading || decoded.loading;
  // While the next slice or frame loads (or decodes) the previous one stays on screen (no flashing on a slow link).
  const fresh = !!image && !!decoded.stored;
  const shown = fresh ? image : busy ? (last?.image ?? null) : null;
  const stored = fresh ? decoded.stored : busy ? (last?.stored ?? null) : null;
  const fileWindow = useMemo(() => (shown && stored ? defaultWindow(shown, stored) : null), [shown, stored]);
  const fullWindow = useMemo(() => (shown && stored ? fullRangeWindow(shown, stored) : null), [shown, stored]);
  const onView = useCallback((v: View) => setView({ ...v, zoom: clampZoom(v.zoom) }), []);

  if (error !== undefined) return <QueryError error={error} onRetry={() => setNonce((n) => n + 1)} />;
  if (result && !result.ok) return <DicomProblemAlert problem={result.problem} url={url} filename={filename} />;
  const frames = shown?.frames ?? image?.frames ?? 1;
  const frameSlider = frames > 1 && (
    <Slider
      min={1}
      max={frames}
      value={Math.min(frame, frames - 1) + 1}
      onChange={(v) => setFrame(v - 1)}
      label={(v) => t('dicom.frame', { n: v, count: frames })}
      aria-label={t('dicom.frameSlider')}
    />
  );
  if (decoded.problem) {
    // One frame that does not decode: say so, and keep the other frames reachable.
    return (
      <Stack gap="xs">
        <DicomProblemAlert problem={decoded.problem} url={url} filename={filename} />
        {frameSlider}
      </Stack>
    );
  }
  if (!shown || !stored || !fileWindow || !fullWindow) {
    return (
      <Box h="min(70vh, 720px)" bg="black" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Loader color="gray" aria-label={t('common.loading')} />
      </Box>
    );
  }
  const effective = win ?? fileWindow;
  const sensitivity = Math.max(fullWindow.width / 400, shown.samplesPerPixel === 3 || shown.bitsAllocated === 8 ? 0.5 : 1);
  return (
    <Stack gap="xs">
      <DicomToolbar
        modality={shown.modality}
        window={effective}
        fileWindow={fileWindow}
        fullWindow={fullWindow}
        onWindow={setWin}
        tool={tool}
        onTool={setTool}
        invert={invert}
        onInvert={setInvert}
        view={view}
        onView={onView}
        onReset={() => {
          setWin(null);
          setView(HOME);
          setInvert(false);
        }}
      />
      <Box h="min(70vh, 720px)" pos="relative">
        <DicomCanvas
          image={shown}
          stored={stored}
          window={effective}
          invert={invert}
          view={view}
          tool={tool}
          sensitivity={sensitivity}
          onWindow={setWin}
          onView={onView}
          label={t('dicom.canvas', { n: position.n, count: position.count })}
        />
        <Group gap={6} pos="absolute" top={6} left={6} style={{ pointerEvents: 'none' }}>
          <Badge color="dark" variant="filled" tt="none" ff="monospace">
            {t('dicom.instance', { n: position.n, count: position.count })}
          </Badge>
          <Badge color="dark" variant="filled" tt="none" ff="monospace">
            {`W ${formatNumber(Math.round(effective.width), t.locale)} / L ${formatNumber(Math.round(effective.center), t.locale)}`}
          </Badge>
          <Badge color="dark" variant="filled" tt="none" ff="monospace">
            {`${shown.columns}×${shown.rows} · ${Math.round(view.zoom * 100)}%`}
          </Badge>
          {busy && <Loader size="xs" color="gray" aria-label={t('common.loading')} />}
        </Group>
      </Box>
      {frameSlider}
    </Stack>
  );
}
