import { Alert, Anchor, Breadcrumbs, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { roomIdSchema } from '@vuonxa/core';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { CallView } from './CallView';
import { MixAudio } from './MixAudio';
import { PreJoin } from './PreJoin';
import type { RoomErrorCode } from './room-logic';
import { StreamVideo } from './StreamVideo';
import { useLocalMedia } from './use-local-media';
import { useRoom } from './use-room';
import type { RoomControls } from './use-room';

/**
 * `/rooms/:roomId`: the live video room of a consultation session. Pre-join (devices), then the lobby until a
 * host admits, then the call. Who may enter is the server's decision, told by `room.error`.
 */
export function RoomPage({ params }: PageProps) {
  const roomId = params['roomId'] ?? '';
  const valid = roomIdSchema.safeParse(roomId).success;
  return valid ? (
    <Room roomId={roomId} />
  ) : (
    <RoomFrame title={null}>
      <RoomError code="NOT_FOUND" />
    </RoomFrame>
  );
}

function Room({ roomId }: { roomId: string }) {
  const t = useT();
  const room = useRoom(roomId);
  const { phase, resume } = room.view;
  const media = useLocalMedia(phase === 'idle' || phase === 'joining' || phase === 'lobby' || phase === 'call');
  const [sinkId, setSinkId] = useState<string | null>(null);
  const { join, setLocal } = room;

  // Another camera or microphone chosen during the call: the connections send the new tracks.
  const inRoom = phase === 'lobby' || phase === 'call';
  useEffect(() => {
    if (inRoom && media.stream) setLocal(media.stream);
  }, [inRoom, media.stream, setLocal]);

  // Taking the seat back from another tab: join again as soon as the devices answered.
  const ready = media.mode !== 'pending';
  useEffect(() => {
    if (phase === 'idle' && resume && ready) join(media.stream);
  }, [phase, resume, ready, media.stream, join]);

  let body;
  switch (phase) {
    case 'idle':
    case 'joining':
      body = (
        <PreJoin
          media={media}
          joining={phase === 'joining' || resume}
          onJoin={(mode) => room.join(media.stream, mode)}
          sinkId={sinkId}
          onSinkId={setSinkId}
        />
      );
      break;
    case 'lobby':
      body = <Lobby room={room} local={media.stream} />;
      break;
    case 'call':
      body = <CallView room={room} media={media} sinkId={sinkId} />;
      break;
    case 'superseded':
      body = (
        <Alert color="yellow" title={t('room.superseded.title')} data-testid="room-superseded">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('room.superseded.body')}</Text>
            <Group gap="sm">
              <Button onClick={room.reclaim} data-testid="room-take-back">
                {t('room.superseded.takeBack')}
              </Button>
              <BackToSessions />
            </Group>
          </Stack>
        </Alert>
      );
      break;
    case 'removed':
      body = (
        <Alert color="red" title={t('room.removed.title')} data-testid="room-removed">
          <Stack gap="sm">
            <Text size="sm">{t('room.removed.body')}</Text>
            <BackToSessions />
          </Stack>
        </Alert>
      );
      break;
    case 'left':
      body = (
        <Paper withBorder radius="md" p="lg" data-testid="room-left">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h4">
              {t('room.left.title')}
            </Title>
            <Group gap="sm">
              <Button size="md" onClick={room.prepare} data-testid="room-rejoin">
                {t('room.rejoin')}
              </Button>
              <BackToSessions />
            </Group>
          </Stack>
        </Paper>
      );
      break;
    case 'error':
      body = <RoomError code={room.view.error ?? 'NOT_FOUND'} />;
      break;
  }

  return (
    <RoomFrame title={room.view.title || null}>
      {room.view.notice && (
        <Alert
          color="orange"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={room.dismissNotice}
          data-testid="room-error"
          data-code={room.view.notice}
        >
          {t(`room.error.${room.view.notice}`)}
        </Alert>
      )}
      {body}
      {/* SFU path: everyone else's sound, mixed by the media server (the tiles play none). */}
      {room.view.mix && <MixAudio stream={room.view.mix} sinkId={sinkId} />}
    </RoomFrame>
  );
}

function RoomFrame({ title, children }: { title: string | null; children: ReactNode }) {
  const t = useT();
  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={4}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} href="/sessions" size="sm">
            {t('session.title')}
          </Anchor>
          <Text size="sm">{t('room.title')}</Text>
        </Breadcrumbs>
        <Title order={1} size="h2" data-testid="room-heading">
          {title ?? t('room.title')}
        </Title>
      </Stack>
      {children}
    </Stack>
  );
}

/** Waiting to be admitted: one's own preview, and a way out. */
function Lobby({ room, local }: { room: RoomControls; local: MediaStream | null }) {
  const t = useT();
  const hasVideo = (local?.getVideoTracks().length ?? 0) > 0;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} data-testid="room-lobby">
      <Stack align="center" gap="md" maw={560} mx="auto">
        {room.connection !== 'open' && (
          <Alert color="yellow" w="100%" data-testid="room-reconnecting">
            {t('room.reconnecting')}
          </Alert>
        )}
        <Loader type="dots" />
        <Title order={2} size="h3" ta="center">
          {t('room.lobby.title')}
        </Title>
        <Text c="dimmed" ta="center">
          {t('room.lobby.body')}
        </Text>
        {hasVideo && (
          <div style={{ width: 280, aspectRatio: '16 / 9', borderRadius: 8, overflow: 'hidden' }}>
            <StreamVideo stream={local} muted mirror label={t('room.prejoin.preview')} />
          </div>
        )}
        <Button size="lg" variant="default" onClick={room.leave} data-testid="room-leave">
          {t('room.leave')}
        </Button>
      </Stack>
    </Paper>
  );
}

function RoomError({ code }: { code: RoomErrorCode }) {
  const t = useT();
  return (
    <Alert color="red" title={t('room.error.title')} data-testid="room-error" data-code={code}>
      <Stack gap="sm">
        <Text size="sm">{t(`room.error.${code}`)}</Text>
        <BackToSessions />
      </Stack>
    </Alert>
  );
}

function BackToSessions() {
  const t = useT();
  return (
    <Button component={Link} href="/sessions" variant="light" w="fit-content">
      {t('room.backToSessions')}
    </Button>
  );
}
