import { Avatar, Badge, Box, Center, Paper, Text } from '@mantine/core';
import type { RoomParticipant } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { initials } from './room-logic';
import { StreamVideo } from './StreamVideo';

/** One person in the call: their video (or initials without it), name and facility. */
export function VideoTile({
  participant,
  stream,
  self,
  showVideo,
  state,
}: {
  participant: RoomParticipant;
  stream: MediaStream | null;
  self: boolean;
  /** A video track is there and on. */
  showVideo: boolean;
  /** The connection to this person (none for oneself). */
  state?: RTCPeerConnectionState | 'waiting';
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
    >
      {/* The element stays even without video: it plays the sound. */}
      <StreamVideo stream={stream} muted={self} mirror={self} label={name} />
      {!showVideo && (
        <Center pos="absolute" inset={0} bg="dark.7">
          <Avatar size="xl" radius="xl" color="teal" aria-label={t('room.tile.cameraOff')}>
            {initials(participant.name)}
          </Avatar>
        </Center>
      )}
      {(connecting || trouble) && (
        <Badge pos="absolute" top={8} right={8} color={trouble ? 'red' : 'gray'} variant="filled" tt="none">
          {trouble ? t('room.tile.failed') : t('room.tile.connecting')}
        </Badge>
      )}
      <Box pos="absolute" left={0} right={0} bottom={0} px="sm" py={6} style={{ background: 'rgba(0, 0, 0, 0.55)' }}>
        <Text c="white" size="sm" fw={600} truncate>
          {name}
        </Text>
        {participant.facilityName && (
          <Text c="gray.3" size="xs" truncate>
            {participant.facilityName}
          </Text>
        )}
      </Box>
    </Paper>
  );
}
