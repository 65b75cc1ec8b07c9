import { ActionIcon, Button, Group, NativeSelect, SegmentedControl, Switch, Text } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { clampZoom } from './DicomCanvas';
import type { Tool, View } from './DicomCanvas';
import { CT_PRESETS } from './dicom-render';
import type { Window } from './dicom-render';

interface Props {
  modality: string | null;
  window: Window;
  fileWindow: Window;
  fullWindow: Window;
  onWindow: (w: Window) => void;
  tool: Tool;
  onTool: (t: Tool) => void;
  invert: boolean;
  onInvert: (v: boolean) => void;
  view: View;
  onView: (v: View) => void;
  onReset: () => void;
}

const same = (a: Window, b: Window) => Math.abs(a.center - b.center) < 0.5 && Math.abs(a.width - b.width) < 0.5;

/** Tool (window/level or pan), window presets, invert, zoom buttons and reset. */
export function DicomToolbar({
  modality,
  window: win,
  fileWindow,
  fullWindow,
  onWindow,
  tool,
  onTool,
  invert,
  onInvert,
  view,
  onView,
  onReset,
}: Props) {
  const t = useT();
  const presets: { value: string; label: string; window: Window }[] = [
    { value: 'file', label: t('dicom.preset.file'), window: fileWindow },
    { value: 'full', label: t('dicom.preset.full'), window: fullWindow },
    ...(modality === 'CT'
      ? (Object.keys(CT_PRESETS) as (keyof typeof CT_PRESETS)[]).map((k) => ({
          value: k,
          label: t(`dicom.preset.${k}`),
          window: CT_PRESETS[k],
        }))
      : []),
  ];
  const selected = presets.find((p) => same(p.window, win))?.value ?? 'custom';
  const zoomBy = (factor: number) => onView({ ...view, zoom: clampZoom(view.zoom * factor) });
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        size="xs"
        value={tool}
        onChange={(v) => onTool(v === 'pan' ? 'pan' : 'window')}
        data={[
          { value: 'window', label: t('dicom.tool.window') },
          { value: 'pan', label: t('dicom.tool.pan') },
        ]}
        aria-label={t('dicom.tool')}
      />
      <NativeSelect
        size="xs"
        aria-label={t('dicom.preset')}
        value={selected}
        onChange={(e) => {
          const p = presets.find((x) => x.value === e.currentTarget.value);
          if (p) onWindow(p.window);
        }}
        data={[
          ...presets.map(({ value, label }) => ({ value, label })),
          { value: 'custom', label: t('dicom.preset.custom'), disabled: true },
        ]}
        data-testid="dicom-preset"
      />
      <Switch size="xs" label={t('dicom.invert')} checked={invert} onChange={(e) => onInvert(e.currentTarget.checked)} />
      <Group gap={4}>
        <ActionIcon variant="default" onClick={() => zoomBy(1 / 1.25)} aria-label={t('case.zoom.out')} data-testid="dicom-zoom-out">
          −
        </ActionIcon>
        <Text size="xs" w={40} ta="center">
          {Math.round(view.zoom * 100)}%
        </Text>
        <ActionIcon variant="default" onClick={() => zoomBy(1.25)} aria-label={t('case.zoom.in')} data-testid="dicom-zoom-in">
          +
        </ActionIcon>
      </Group>
      <Button size="xs" variant="default" onClick={onReset} data-testid="dicom-reset">
        {t('dicom.reset')}
      </Button>
      <Text size="xs" c="dimmed" visibleFrom="md">
        {t('dicom.help')}
      </Text>
    </Group>
  );
}
