import { Alert, Button, Grid, Group, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { ParticipantsPanel } from './ParticipantsPanel';
import { admittedInOrder, gridColumns, lobbyInOrder } from './room-logic';
import type { RoomControls } from './use-room';
import { VideoTile } from './VideoTile';

/**
 * The call: a grid of the admitted people (oneself muted and mirrored), the microphone, camera and leave
 * buttons, and for hosts the participants panel (beside the grid on a wide screen, below it on a tablet).
 */
export function CallView({ room, local }: { room: RoomControls; local: MediaStream | null }) {
  const t = useT();
  const { view } = room;
  const me = view.me;
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  if (!me) return null;
  const hasAudio = (local?.getAudioTracks().length ?? 0) > 0;
  const hasVideo = (local?.getVideoTracks().length ?? 0) > 0;
  const people = admittedInOrder(view.participants);
  const waiting = lobbyInOrder(view.participants).length;

  const toggleMic = () => {
    const next = !micOn;
    for (const track of local?.getAudioTracks() ?? []) track.enabled = next;
    setMicOn(next);
  };
  const toggleCamera = () => {
    const next = !cameraOn;
    for (const track of local?.getVideoTracks() ?? []) track.enabled = next;
    setCameraOn(next);
  };

  const grid = (
    <SimpleGrid cols={{ base: 1, sm: gridColumns(people.length) }} spacing="sm">
      {people.map((p) => {
        const self = p.participantId === me.participantId;
        if (self) return <VideoTile key={p.participantId} participant={p} stream={local} self showVideo={hasVideo && cameraOn} />;
        const peer = view.peers[p.participantId];
        const stream = peer?.stream ?? null;
        return (
          <VideoTile
            key={p.participantId}
            participant={p}
            stream={stream}
            self={false}
            showVideo={(stream?.getVideoTracks().length ?? 0) > 0}
            state={peer?.state ?? 'waiting'}
          />
        );
      })}
    </SimpleGrid>
  );

  const controls = (
    <Group justify="center" gap="sm">
      <Button
        size="lg"
        variant={micOn ? 'default' : 'filled'}
        color={micOn ? undefined : 'orange'}
        onClick={toggleMic}
        disabled={!hasAudio}
        aria-pressed={!micOn}
        data-testid="room-mute"
      >
        {micOn && hasAudio ? t('room.mute') : t('room.unmute')}
      </Button>
      <Button
        size="lg"
        variant={cameraOn ? 'default' : 'filled'}
        color={cameraOn ? undefined : 'orange'}
        onClick={toggleCamera}
        disabled={!hasVideo}
        aria-pressed={!cameraOn}
        data-testid="room-camera"
      >
        {cameraOn && hasVideo ? t('room.cameraOff') : t('room.cameraOn')}
      </Button>
      <Button size="lg" color="red" onClick={room.leave} data-testid="room-leave">
        {t('room.leave')}
      </Button>
    </Group>
  );

  return (
    <Stack gap="md" data-testid="room-call">
      {room.connection !== 'open' && (
        <Alert color="yellow" data-testid="room-reconnecting">
          {t('room.reconnecting')}
        </Alert>
      )}
      {me.host && waiting > 0 && (
        <Alert color="blue" data-testid="room-lobby-waiting">
          {t('room.lobbyWaiting', { count: waiting })}
        </Alert>
      )}
      {me.host ? (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              {grid}
              {controls}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <ParticipantsPanel
              participants={view.participants}
              myId={me.participantId}
              onAdmit={room.admit}
              onSendToLobby={room.sendToLobby}
              onRemove={room.remove}
            />
          </Grid.Col>
        </Grid>
      ) : (
        <>
          {grid}
          {controls}
        </>
      )}
    </Stack>
  );
}
