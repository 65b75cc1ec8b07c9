import { Anchor, Box, Image, Modal, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Attachment } from '@vuonxa/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { attachmentUrl, thumbnailUrl } from './consults.api';
import { FileIcon, formatBytes } from './FileIcon';
import { ImageLightbox } from './ImageLightbox';

const tileStyle = {
  display: 'block',
  width: '100%',
  border: '1px solid var(--mantine-color-gray-3)',
  borderRadius: 'var(--mantine-radius-md)',
  overflow: 'hidden',
} as const;

/**
 * Attachments as a grid of tiles: an image opens in a zoomable lightbox, a PDF in a new tab, a video in a
 * player; anything else (DICOM in a message) downloads.
 */
export function AttachmentGallery({ attachments, compact = false }: { attachments: readonly Attachment[]; compact?: boolean }) {
  const t = useT();
  const images = attachments.filter((a) => a.kind === 'image');
  const [imageIndex, setImageIndex] = useState<number | null>(null);
  const [video, setVideo] = useState<Attachment | null>(null);

  function tile(a: Attachment): ReactNode {
    const name = a.caption ?? a.filename;
    const body = (
      <Stack gap={0} align="stretch">
        <Box h={compact ? 72 : 120} bg="gray.0" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {a.kind === 'image' && a.hasThumbnail ? (
            <Image src={thumbnailUrl(a.id)} alt="" h="100%" w="100%" fit="cover" loading="lazy" />
          ) : (
            <FileIcon kind={a.kind} size={compact ? 36 : 48} />
          )}
        </Box>
        <Box p={6}>
          <Text size="xs" fw={500} lineClamp={1} title={name}>
            {name}
          </Text>
          {!compact && (
            <Text size="xs" c="dimmed">
              {formatBytes(a.size, t.locale)}
            </Text>
          )}
        </Box>
      </Stack>
    );
    const label = t(`case.attachment.open.${a.kind}`, { name });
    if (a.kind === 'image') {
      const i = images.indexOf(a);
      return (
        <UnstyledButton key={a.id} style={tileStyle} onClick={() => setImageIndex(i)} aria-label={label} data-testid="attachment-thumb">
          {body}
        </UnstyledButton>
      );
    }
    if (a.kind === 'video') {
      return (
        <UnstyledButton key={a.id} style={tileStyle} onClick={() => setVideo(a)} aria-label={label} data-testid="attachment-thumb">
          {body}
        </UnstyledButton>
      );
    }
    return (
      <Anchor
        key={a.id}
        href={attachmentUrl(a.id)}
        target={a.kind === 'pdf' ? '_blank' : undefined}
        rel="noopener"
        download={a.kind === 'pdf' ? undefined : a.filename}
        style={tileStyle}
        underline="never"
        c="inherit"
        aria-label={label}
        data-testid="attachment-thumb"
      >
        {body}
      </Anchor>
    );
  }

  return (
    <>
      <SimpleGrid cols={compact ? { base: 3, sm: 5 } : { base: 2, xs: 3, sm: 4, lg: 6 }} spacing="xs">
        {attachments.map(tile)}
      </SimpleGrid>
      <ImageLightbox images={images} index={imageIndex} onIndex={setImageIndex} />
      <Modal
        opened={video !== null}
        onClose={() => setVideo(null)}
        title={video ? (video.caption ?? video.filename) : ''}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {video && (
          <video
            src={attachmentUrl(video.id)}
            controls
            preload="metadata"
            style={{ width: '100%', maxHeight: '75vh' }}
            data-testid="attachment-video"
          >
            <a href={attachmentUrl(video.id)} download={video.filename}>
              {t('case.attachment.download')}
            </a>
          </video>
        )}
      </Modal>
    </>
  );
}
