import { ActionIcon, Anchor, Box, Group, Modal, Text } from '@mantine/core';
import type { Attachment } from '@vuonxa/core';
import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent, WheelEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { attachmentUrl } from './consults.api';

const MIN_ZOOM = 1;
const MAX_ZOOM = 8;
const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

interface Props {
  images: readonly Attachment[];
  index: number | null;
  onIndex: (index: number | null) => void;
}

/** A full-screen image with zoom (wheel, buttons, keys) and pan (drag), and previous/next among the case's images. */
export function ImageLightbox({ images, index, onIndex }: Props) {
  const t = useT();
  const image = index !== null ? images[index] : undefined;
  return (
    <Modal
      opened={image !== undefined}
      onClose={() => onIndex(null)}
      fullScreen
      title={image ? (image.caption ?? image.filename) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {image && index !== null && <ZoomableImage key={image.id} image={image} index={index} count={images.length} onIndex={onIndex} />}
    </Modal>
  );
}

function ZoomableImage({
  image,
  index,
  count,
  onIndex,
}: {
  image: Attachment;
  index: number;
  count: number;
  onIndex: (i: number) => void;
}) {
  const t = useT();
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const go = (i: number) => onIndex((i + count) % count);

  function onKey(e: KeyboardEvent<HTMLDivElement>): void {
    if (e.key === 'ArrowRight') go(index + 1);
    else if (e.key === 'ArrowLeft') go(index - 1);
    else if (e.key === '+' || e.key === '=') setZoom((z) => clampZoom(z * 1.25));
    else if (e.key === '-') setZoom((z) => clampZoom(z / 1.25));
    else if (e.key === '0') reset();
    else return;
    e.preventDefault();
  }
  function reset(): void {
    setZoom(1);
    setPan({ x: 0, y: 0 });
  }
  function onWheel(e: WheelEvent<HTMLDivElement>): void {
    setZoom((z) => clampZoom(z * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
  }
  function onPointerDown(e: PointerEvent<HTMLDivElement>): void {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>): void {
    const start = drag.current;
    if (start) setPan({ x: e.clientX - start.x, y: e.clientY - start.y });
  }

  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Group gap={4}>
          {count > 1 && (
            <ActionIcon variant="default" size="lg" onClick={() => go(index - 1)} aria-label={t('case.lightbox.previous')}>
              ‹
            </ActionIcon>
          )}
          {count > 1 && (
            <ActionIcon variant="default" size="lg" onClick={() => go(index + 1)} aria-label={t('case.lightbox.next')}>
              ›
            </ActionIcon>
          )}
          <Text size="sm" c="dimmed">
            {t('case.lightbox.position', { n: index + 1, count })}
          </Text>
        </Group>
        <Group gap={4}>
          <ActionIcon variant="default" size="lg" onClick={() => setZoom((z) => clampZoom(z / 1.25))} aria-label={t('case.zoom.out')}>
            −
          </ActionIcon>
          <Text size="sm" w={48} ta="center">
            {Math.round(zoom * 100)}%
          </Text>
          <ActionIcon variant="default" size="lg" onClick={() => setZoom((z) => clampZoom(z * 1.25))} aria-label={t('case.zoom.in')}>
            +
          </ActionIcon>
          <ActionIcon variant="default" size="lg" onClick={reset} aria-label={t('case.zoom.reset')}>
            1:1
          </ActionIcon>
          <Anchor href={attachmentUrl(image.id)} target="_blank" rel="noopener" size="sm" ml="xs">
            {t('case.attachment.original')}
          </Anchor>
        </Group>
      </Group>
      <Box
        tabIndex={0}
        onKeyDown={onKey}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        aria-label={t('case.lightbox.help')}
        role="group"
        h="calc(100vh - 140px)"
        bg="dark.8"
        style={{
          overflow: 'hidden',
          touchAction: 'none',
          cursor: zoom > 1 ? 'grab' : 'zoom-in',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
        data-testid="lightbox"
      >
        <img
          src={attachmentUrl(image.id)}
          alt={image.caption ?? image.filename}
          draggable={false}
          style={{
            maxWidth: '100%',
            maxHeight: '100%',
            transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`,
            transformOrigin: 'center',
            userSelect: 'none',
          }}
        />
      </Box>
    </Box>
  );
}
