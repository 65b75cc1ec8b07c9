import { Alert, Button, Grid, Group, SimpleGrid, Stack } from '@mantine/core';
import { useReducer } from 'react';
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
  // The tracks hold the truth (it survives a trip to the lobby and back): re-render after changing them.
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  if (!me) return null;
  const audio = local?.getAudioTracks() ?? [];
  const video = local?.getVideoTracks() ?? [];
  const hasAudio = audio.length > 0;
  const hasVideo = video.length > 0;
  const micOn = audio.some((track) => track.enabled);
  const cameraOn = video.some((track) => track.enabled);
  const people = admittedInOrder(view.participants);
  const waiting = lobbyInOrder(view.participants).length;

  const toggleMic = () => {
    setEnabled(local?.getAudioTracks() ?? [], !micOn);
    rerender();
  };
  const toggleCamera = () => {
    setEnabled(local?.getVideoTracks() ?? [], !cameraOn);
    rerender();
  };

  const grid = (
    <SimpleGrid cols={{ base: 1, sm: gridColumns(people.length) }} spacing="sm">
      {people.map((p) => {
        const self = p.participantId === me.participantId;
        if (self) return <VideoTile key={p.participantId} participant={p} stream={local} self showVideo={cameraOn} />;
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
        variant={micOn || !hasAudio ? 'default' : 'filled'}
        color={micOn || !hasAudio ? undefined : 'orange'}
        onClick={toggleMic}
        disabled={!hasAudio}
        aria-pressed={hasAudio && !micOn}
        data-testid="room-mute"
        data-muted={micOn ? 'false' : 'true'}
      >
        {micOn ? t('room.mute') : t('room.unmute')}
      </Button>
      <Button
        size="lg"
        variant={cameraOn || !hasVideo ? 'default' : 'filled'}
        color={cameraOn || !hasVideo ? undefined : 'orange'}
        onClick={toggleCamera}
        disabled={!hasVideo}
        aria-pressed={hasVideo && !cameraOn}
        data-testid="room-camera"
        data-off={cameraOn ? 'false' : 'true'}
      >
        {cameraOn ? t('room.cameraOff') : t('room.cameraOn')}
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

/** Mutes or unmutes tracks in place: the peer connections keep sending them (silence, black), no renegotiation. */
function setEnabled(tracks: MediaStreamTrack[], on: boolean): void {
  for (const track of tracks) track.enabled = on;
}
