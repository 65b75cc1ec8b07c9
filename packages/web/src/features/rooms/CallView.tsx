import { Alert, Badge, Box, Button, Grid, Group, NativeSelect, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import type { RoomParticipant } from '@vuonxa/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { canClearAnnotations } from './annotation-logic';
import { ChatPanel } from './ChatPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { RecordingConsentModal, RecordingIndicator, RecordingPanel } from './RecordingPanel';
import { needsRecordingConsent } from './recording-logic';
import { admittedInOrder, gridColumns, lobbyInOrder } from './room-logic';
import type { SendMode } from './room-logic';
import type { LocalMedia } from './use-local-media';
import type { RoomControls } from './use-room';
import { VideoTile } from './VideoTile';
import type { ProcedureTile } from './VideoTile';

type Layout = 'grid' | 'speaker';
const MODES: readonly SendMode[] = ['normal', 'low', 'audio'];

/**
 * The call: the admitted people in a grid or with the loudest speaker large, the controls (microphone, camera,
 * hand, screen, video quality, layout, chat, leave), the devices, the chat and the participants panel (beside
 * the call on a wide screen, below it on a tablet).
 */
export function CallView({ room, media, sinkId }: { room: RoomControls; media: LocalMedia; sinkId: string | null }) {
  const t = useT();
  const { view } = room;
  const me = view.me;
  const local = media.stream;
  const [layout, setLayout] = useState<Layout>('grid');
  const [chatOpen, setChatOpen] = useState(false);
  // Messages counted as read: the history on arrival, then all of them each time the panel opens or closes.
  const [seen, setSeen] = useState(() => view.chat.length);
  const [shareError, setShareError] = useState(false);
  // Surgery support: the procedure stream shown large (while it is one).
  const [pinned, setPinned] = useState<string | null>(null);
  if (!me) return null;
  const hasAudio = (local?.getAudioTracks().length ?? 0) > 0;
  const hasVideo = (local?.getVideoTracks().length ?? 0) > 0;
  const { micOn, cameraOn, mode, sharing } = view;
  const people = admittedInOrder(view.participants);
  const others = people.filter((p) => p.participantId !== me.participantId);
  const waiting = lobbyInOrder(view.participants).length;
  const unread = chatOpen ? 0 : view.chat.slice(seen).filter((m) => m.userId !== me.userId).length;
  const canShare = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const pinnedPerson = people.find((p) => p.participantId === pinned && p.procedure);

  /** A procedure stream's drawings and tools; none for other streams. */
  const procedureOf = (p: RoomParticipant): ProcedureTile | undefined =>
    p.procedure
      ? {
          strokes: view.annotations[p.participantId] ?? [],
          myId: me.participantId,
          canClear: canClearAnnotations(me, p.participantId),
          onAction: (action) => room.annotate(p.participantId, action),
          pinned: pinnedPerson?.participantId === p.participantId,
          onPin: () => setPinned((current) => (current === p.participantId && pinnedPerson ? null : p.participantId)),
        }
      : undefined;

  const toggleChat = () => {
    setSeen(view.chat.length);
    setChatOpen((open) => !open);
  };
  const toggleShare = () => {
    if (sharing) {
      room.stopShare();
      return;
    }
    setShareError(false);
    navigator.mediaDevices
      .getDisplayMedia({ video: true, audio: false })
      .then((screen) => room.share(screen))
      .catch((error: unknown) => {
        // The person closed the browser's picker: nothing to say.
        if (!(error instanceof DOMException && error.name === 'NotAllowedError')) setShareError(true);
      });
  };

  const tile = (p: RoomParticipant, compact = false) => {
    if (p.participantId === me.participantId) {
      const videoOn = sharing !== null || (cameraOn && mode !== 'audio');
      return (
        <VideoTile
          key={p.participantId}
          participant={p}
          stream={sharing ?? local}
          self
          // A procedure camera is shown as others see it: drawings land where they point.
          mirror={sharing === null && !p.procedure}
          showVideo={videoOn}
          media={{ audio: micOn, video: videoOn, mode, sharing: sharing !== null }}
          compact={compact}
          procedure={procedureOf(p)}
        />
      );
    }
    const peer = view.peers[p.participantId];
    const stream = peer?.stream ?? null;
    const videoOn = p.video && p.mode !== 'audio';
    return (
      <VideoTile
        key={p.participantId}
        participant={p}
        stream={stream}
        self={false}
        showVideo={videoOn && (stream?.getVideoTracks().length ?? 0) > 0}
        state={peer?.state ?? 'waiting'}
        media={{ audio: p.audio, video: videoOn, mode: p.mode }}
        quality={view.quality[p.participantId]}
        sinkId={sinkId}
        compact={compact}
        procedure={procedureOf(p)}
      />
    );
  };

  let tiles;
  if (pinnedPerson) {
    // A procedure stream enlarged: it alone in the main place, everyone else in the strip.
    const rest = people.filter((p) => p.participantId !== pinnedPerson.participantId);
    tiles = (
      <Stack gap="sm" data-testid="room-pinned-view" data-pinned={pinnedPerson.participantId}>
        {tile(pinnedPerson)}
        {rest.length > 0 && (
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            {rest.map((p) => tile(p, true))}
          </SimpleGrid>
        )}
      </Stack>
    );
  } else if (layout === 'speaker' && people.length > 1) {
    // Surgery support: a procedure stream is what everyone watches; otherwise whoever speaks.
    const main = others.find((p) => p.procedure) ?? others.find((p) => p.participantId === view.speaker) ?? others[0] ?? me;
    const rest = people.filter((p) => p.participantId !== main.participantId);
    tiles = (
      <Stack gap="sm" data-testid="room-speaker-view" data-speaker={main.participantId}>
        {tile(main)}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {rest.map((p) => tile(p, true))}
        </SimpleGrid>
      </Stack>
    );
  } else {
    tiles = (
      <SimpleGrid cols={{ base: 1, sm: gridColumns(people.length) }} spacing="sm">
        {people.map((p) => tile(p))}
      </SimpleGrid>
    );
  }

  const controls = (
    <Stack gap="sm">
      <Group justify="center" gap="sm">
        <Button
          size="lg"
          variant={micOn || !hasAudio ? 'default' : 'filled'}
          color={micOn || !hasAudio ? undefined : 'orange'}
          onClick={() => room.setMic(!micOn)}
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
          onClick={() => room.setCamera(!cameraOn)}
          disabled={!hasVideo}
          aria-pressed={hasVideo && !cameraOn}
          data-testid="room-camera"
          data-off={cameraOn ? 'false' : 'true'}
        >
          {cameraOn ? t('room.cameraOff') : t('room.cameraOn')}
        </Button>
        <Button
          size="lg"
          variant={view.procedure ? 'filled' : 'default'}
          color={view.procedure ? 'red' : undefined}
          onClick={() => room.setProcedure(!view.procedure)}
          disabled={!view.procedure && (!hasVideo || mode === 'audio')}
          aria-pressed={view.procedure}
          title={t('room.procedure.hint')}
          data-testid="room-procedure-toggle"
          data-on={view.procedure ? 'true' : 'false'}
        >
          🩺 {view.procedure ? t('room.procedure.stop') : t('room.procedure.start')}
        </Button>
        <Button
          size="lg"
          variant={me.handRaised ? 'filled' : 'default'}
          color={me.handRaised ? 'yellow' : undefined}
          onClick={() => room.setHand(!me.handRaised)}
          aria-pressed={me.handRaised}
          data-testid="room-hand"
          data-raised={me.handRaised ? 'true' : 'false'}
        >
          ✋ {me.handRaised ? t('room.hand.lower') : t('room.hand.raise')}
        </Button>
        {canShare && (
          <Button
            size="lg"
            variant={sharing ? 'filled' : 'default'}
            onClick={toggleShare}
            disabled={!sharing && mode === 'audio'}
            aria-pressed={sharing !== null}
            data-testid="room-share"
            data-sharing={sharing ? 'true' : 'false'}
          >
            {sharing ? t('room.share.stop') : t('room.share.start')}
          </Button>
        )}
        <Button
          size="lg"
          variant={chatOpen ? 'filled' : 'default'}
          onClick={toggleChat}
          aria-pressed={chatOpen}
          data-testid="room-chat-toggle"
          data-unread={unread}
          rightSection={
            unread > 0 ? (
              <Badge color="red" circle aria-label={t('room.chat.unread', { count: unread })} data-testid="room-chat-unread">
                {unread}
              </Badge>
            ) : undefined
          }
        >
          {t('room.chat.toggle')}
        </Button>
        <Button size="lg" color="red" onClick={room.leave} data-testid="room-leave">
          {t('room.leave')}
        </Button>
      </Group>
      <Group justify="center" gap="sm" align="flex-end">
        <NativeSelect
          label={t('room.mode.label')}
          value={mode}
          onChange={(e) => room.setMode(e.currentTarget.value as SendMode)}
          data={MODES.map((m) => ({ value: m, label: t(`room.mode.${m}`) }))}
          data-testid="room-mode"
        />
        <Box>
          <SegmentedControl
            value={layout}
            onChange={(value) => setLayout(value as Layout)}
            data={[
              { value: 'grid', label: t('room.layout.grid') },
              { value: 'speaker', label: t('room.layout.speaker') },
            ]}
            aria-label={t('room.layout.label')}
            data-testid="room-layout"
            data-value={layout}
          />
        </Box>
        <Select
          label={t('room.prejoin.camera')}
          data={media.cameras.map((d, i) => ({ value: d.deviceId, label: d.label || t('room.prejoin.deviceCamera', { n: i + 1 }) }))}
          value={media.cameraId}
          onChange={(value) => value && media.chooseCamera(value)}
          disabled={media.cameras.length === 0}
          allowDeselect={false}
          data-testid="room-call-camera-select"
        />
        <Select
          label={t('room.prejoin.microphone')}
          data={media.microphones.map((d, i) => ({
            value: d.deviceId,
            label: d.label || t('room.prejoin.deviceMicrophone', { n: i + 1 }),
          }))}
          value={media.microphoneId}
          onChange={(value) => value && media.chooseMicrophone(value)}
          disabled={media.microphones.length === 0}
          allowDeselect={false}
          data-testid="room-call-microphone-select"
        />
      </Group>
    </Stack>
  );

  return (
    <Stack gap="md" data-testid="room-call" data-mode={mode} data-recording={view.recording.state}>
      {view.recording.state === 'on' && <RecordingIndicator startedAt={view.recording.startedAt} />}
      {view.recording.state === 'asking' && !me.host && (
        <Alert color="yellow" data-testid="room-recording-asking" role="status">
          {t('room.recording.asking')}
        </Alert>
      )}
      <RecordingConsentModal opened={needsRecordingConsent(view.recording, me)} onAnswer={room.answerRecording} />
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
      {view.info && (
        <Alert
          color={view.info.kind === 'stepDown' ? 'orange' : 'blue'}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={room.dismissInfo}
          data-testid="room-notice"
          data-kind={view.info.kind}
          role="status"
        >
          {view.info.kind === 'stepDown' ? t('room.stepDown', { mode: t(`room.mode.name.${view.info.mode}`) }) : t('room.muteRequested')}
        </Alert>
      )}
      {shareError && (
        <Alert color="orange" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setShareError(false)}>
          {t('room.share.failed')}
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {tiles}
            {controls}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {me.host && <RecordingPanel recording={view.recording} participants={view.participants} onAction={room.record} />}
            {chatOpen && <ChatPanel messages={view.chat} myUserId={me.userId} onSend={room.sendChat} onClose={toggleChat} />}
            <ParticipantsPanel
              participants={view.participants}
              myId={me.participantId}
              isHost={me.host}
              onAdmit={room.admit}
              onSendToLobby={room.sendToLobby}
              onRemove={room.remove}
              onAskMute={room.askToMute}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
