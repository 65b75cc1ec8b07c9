import { Avatar, Badge, Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { Annotation, AnnotationAction, RoomParticipant } from '@vuonxa/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { lastStrokeBy } from './annotation-logic';
import type { AnnotationColor } from './annotation-logic';
import { AnnotationOverlay, AnnotationToolbar } from './AnnotationOverlay';
import { initials } from './room-logic';
import type { LinkQuality, SendMode } from './room-logic';
import { StreamVideo } from './StreamVideo';

const QUALITY_COLOR: Record<LinkQuality, string> = { good: 'teal', fair: 'yellow', poor: 'red' };

/** What a tile shows of a person's media: as they said it (others) or as it is (oneself). */
export interface TileMedia {
  audio: boolean;
  video: boolean;
  mode: SendMode;
  sharing?: boolean;
}

/** A tile of a procedure stream (surgery support): its strokes, and what I may do on it. */
export interface ProcedureTile {
  strokes: readonly Annotation[];
  /** My participant id (my strokes are the ones I may undo). */
  myId: string;
  /** Hosts and the person streaming may clear every stroke. */
  canClear: boolean;
  /** Sends a stroke, an undo or a clear; false when not sent. */
  onAction: (action: AnnotationAction) => boolean;
  pinned: boolean;
  onPin: () => void;
}

/**
 * One person in the call: their video (or initials without it), name and facility, a raised hand, a muted
 * microphone, sound-only mode, and for others the quality of what arrives from them.
 */
export function VideoTile({
  participant,
  stream,
  self,
  showVideo,
  state,
  media,
  quality,
  mirror = self,
  sinkId,
  compact = false,
  procedure,
}: {
  participant: RoomParticipant;
  stream: MediaStream | null;
  self: boolean;
  /** A video track is there and on. */
  showVideo: boolean;
  /** The connection to this person (none for oneself). */
  state?: RTCPeerConnectionState | 'waiting';
  media: TileMedia;
  quality?: LinkQuality | undefined;
  mirror?: boolean;
  sinkId?: string | null;
  /** A small tile (the strip of the speaker view). */
  compact?: boolean;
  /** The person streams a procedure camera: a badge, the whole frame shown, the drawings (and tools unless compact). */
  procedure?: ProcedureTile | undefined;
}) {
  const t = useT();
  // Surgery support: the video element (the overlay reads the frame's size), draw mode and colour of this tile.
  const [videoEl, setVideoEl] = useState<HTMLVideoElement | null>(null);
  const [drawingOn, setDrawing] = useState(false);
  const [color, setColor] = useState<AnnotationColor>('yellow');
  const drawing = drawingOn && !!procedure && showVideo && !compact;
  const name = self ? t('room.tile.you', { name: participant.name }) : participant.name;
  const trouble = state === 'failed' || state === 'disconnected';
  const connecting = state !== undefined && state !== 'connected' && !trouble;
  // While drawing, the badges and the name bar let the pointer through to the canvas.
  const passThrough = drawing ? ('none' as const) : undefined;
  const tile = (
    <Paper
      radius="md"
      bg="dark.7"
      pos="relative"
      style={{ aspectRatio: '16 / 9', overflow: 'hidden' }}
      data-testid="room-tile"
      data-participant-id={participant.participantId}
      data-self={self ? 'true' : 'false'}
      data-state={state ?? 'self'}
      data-hand={participant.handRaised ? 'true' : 'false'}
      data-audio={media.audio ? 'true' : 'false'}
      data-video={media.video ? 'true' : 'false'}
      data-mode={media.mode}
      data-procedure={procedure ? 'true' : 'false'}
    >
      {/* The element stays even without video: it plays the sound. A procedure stream is shown whole (no crop). */}
      <StreamVideo
        stream={stream}
        muted={self}
        mirror={mirror}
        label={name}
        sinkId={sinkId ?? null}
        onElement={setVideoEl}
        style={procedure ? { objectFit: 'contain', background: '#000' } : undefined}
      />
      {!showVideo && (
        <Center pos="absolute" inset={0} bg="dark.7">
          <Avatar size={compact ? 'md' : 'xl'} radius="xl" color="teal" aria-label={t('room.tile.cameraOff')}>
            {initials(participant.name)}
          </Avatar>
        </Center>
      )}
      {procedure && showVideo && (
        <AnnotationOverlay
          target={participant.participantId}
          label={t('room.annotation.canvas', { name: participant.name })}
          video={videoEl}
          strokes={procedure.strokes}
          fit="contain"
          mirror={mirror}
          drawing={drawing}
          color={color}
          onStroke={(stroke) => procedure.onAction({ kind: 'stroke', stroke })}
        />
      )}
      <Group pos="absolute" top={8} left={8} gap={4} style={{ pointerEvents: passThrough }}>
        {procedure && (
          <Badge color="red" variant="filled" tt="none" data-testid="room-tile-procedure" title={t('room.tile.procedure')}>
            🩺 {compact ? '' : t('room.tile.procedure')}
          </Badge>
        )}
        {participant.handRaised && (
          <Badge color="yellow" variant="filled" tt="none" data-testid="room-tile-hand">
            ✋ {compact ? '' : t('room.hand.raised')}
          </Badge>
        )}
        {!self && quality && (
          <Badge
            color={QUALITY_COLOR[quality]}
            variant="filled"
            tt="none"
            size="sm"
            data-testid="room-tile-quality"
            data-quality={quality}
            title={t('room.quality.label', { quality: t(`room.quality.${quality}`) })}
          >
            {compact ? '●' : t('room.quality.label', { quality: t(`room.quality.${quality}`) })}
          </Badge>
        )}
      </Group>
      {(connecting || trouble) && (
        <Badge pos="absolute" top={8} right={8} color={trouble ? 'red' : 'gray'} variant="filled" tt="none">
          {trouble ? t('room.tile.failed') : t('room.tile.connecting')}
        </Badge>
      )}
      <Box
        pos="absolute"
        left={0}
        right={0}
        bottom={0}
        px="sm"
        py={6}
        style={{ background: 'rgba(0, 0, 0, 0.55)', pointerEvents: passThrough }}
      >
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Box style={{ minWidth: 0 }}>
            <Text c="white" size="sm" fw={600} truncate>
              {name}
            </Text>
            {participant.facilityName && !compact && (
              <Text c="gray.3" size="xs" truncate>
                {participant.facilityName}
              </Text>
            )}
          </Box>
          <Group gap={4} wrap="nowrap">
            {media.sharing && (
              <Badge size="sm" color="blue" variant="filled" tt="none">
                {t('room.tile.sharing')}
              </Badge>
            )}
            {media.mode === 'audio' && (
              <Badge size="sm" color="gray" variant="filled" tt="none" data-testid="room-tile-audio-only">
                {t('room.tile.audioOnly')}
              </Badge>
            )}
            {!media.video && media.mode !== 'audio' && (
              <Badge size="sm" color="gray" variant="filled" tt="none" data-testid="room-tile-camera-off">
                {t('room.tile.cameraOff')}
              </Badge>
            )}
            {!media.audio && (
              <Badge size="sm" color="red" variant="filled" tt="none" data-testid="room-tile-mic-off" aria-label={t('room.tile.micOff')}>
                🔇
              </Badge>
            )}
          </Group>
        </Group>
      </Box>
    </Paper>
  );
  if (!procedure || compact) return tile;
  const mine = lastStrokeBy(procedure.strokes, procedure.myId);
  return (
    <Stack gap={6}>
      {tile}
      <AnnotationToolbar
        name={participant.name}
        drawing={drawing}
        canDraw={showVideo}
        onDrawing={setDrawing}
        color={color}
        onColor={setColor}
        undoable={mine !== null}
        onUndo={() => mine && procedure.onAction({ kind: 'undo', strokeId: mine })}
        canClear={procedure.canClear}
        hasStrokes={procedure.strokes.length > 0}
        onClear={() => procedure.onAction({ kind: 'clear' })}
        pinned={procedure.pinned}
        onPin={procedure.onPin}
      />
    </Stack>
  );
}
