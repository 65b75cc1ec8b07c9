import { Avatar, Badge, Box, Center, Group, Paper, Text } from '@mantine/core';
import type { RoomParticipant } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
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
}) {
  const t = useT();
  const name = self ? t('room.tile.you', { name: participant.name }) : participant.name;
  const trouble = state === 'failed' || state === 'disconnected';
  const connecting = state !== undefined && state !== 'connected' && !trouble;
  return (
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
    >
      {/* The element stays even without video: it plays the sound. */}
      <StreamVideo stream={stream} muted={self} mirror={mirror} label={name} sinkId={sinkId ?? null} />
      {!showVideo && (
        <Center pos="absolute" inset={0} bg="dark.7">
          <Avatar size={compact ? 'md' : 'xl'} radius="xl" color="teal" aria-label={t('room.tile.cameraOff')}>
            {initials(participant.name)}
          </Avatar>
        </Center>
      )}
      <Group pos="absolute" top={8} left={8} gap={4}>
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
      <Box pos="absolute" left={0} right={0} bottom={0} px="sm" py={6} style={{ background: 'rgba(0, 0, 0, 0.55)' }}>
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
}
