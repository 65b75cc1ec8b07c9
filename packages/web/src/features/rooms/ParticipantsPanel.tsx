import { Badge, Button, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { RoomParticipant } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { admittedInOrder, handsFirst, lobbyInOrder } from './room-logic';

/**
 * Who is in the room, with raised hands and muted microphones. For hosts also who waits in the lobby (Admit),
 * and for each participant Ask to mute, Send to lobby, Remove; hosts see raised hands first.
 */
export function ParticipantsPanel({
  participants,
  myId,
  isHost,
  onAdmit,
  onSendToLobby,
  onRemove,
  onAskMute,
}: {
  participants: RoomParticipant[];
  myId: string;
  isHost: boolean;
  onAdmit: (participantId: string) => void;
  onSendToLobby: (participantId: string) => void;
  onRemove: (participantId: string) => void;
  onAskMute: (participantId: string) => void;
}) {
  const t = useT();
  const lobby = lobbyInOrder(participants);
  const admitted = isHost ? handsFirst(participants) : admittedInOrder(participants);
  return (
    <Paper withBorder radius="md" p="md" data-testid="room-participants" component="section" aria-labelledby="room-participants-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="room-participants-title">
          {t('room.participants.title')}
        </Title>
        {isHost && (
          <Text size="sm" fw={600}>
            {t('room.participants.lobby', { count: lobby.length })}
          </Text>
        )}
        {!isHost ? null : lobby.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('room.participants.lobbyEmpty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {lobby.map((p) => (
              <Group key={p.participantId} component="li" justify="space-between" wrap="nowrap" data-testid="room-lobby-entry">
                <Person participant={p} />
                <Button size="sm" onClick={() => onAdmit(p.participantId)} data-testid={`room-admit-${p.participantId}`}>
                  {t('room.admit')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {isHost && <Divider />}
        <Text size="sm" fw={600}>
          {t('room.participants.inRoom', { count: admitted.length })}
        </Text>
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {admitted.map((p) => (
            <Stack
              key={p.participantId}
              component="li"
              gap={6}
              data-testid="room-admitted-entry"
              data-participant-id={p.participantId}
              data-hand={p.handRaised ? 'true' : 'false'}
            >
              <Group gap="xs" wrap="nowrap">
                <Person participant={p} />
                {p.handRaised && (
                  <Badge size="sm" color="yellow" variant="filled" tt="none" data-testid="room-participant-hand">
                    ✋ {t('room.hand.raised')}
                  </Badge>
                )}
                {!p.audio && (
                  <Badge size="sm" color="red" variant="light" tt="none">
                    {t('room.tile.micOff')}
                  </Badge>
                )}
                {p.participantId === myId && (
                  <Badge size="sm" variant="light" tt="none">
                    {t('room.participants.you')}
                  </Badge>
                )}
                {p.host && (
                  <Badge size="sm" variant="outline" color="teal" tt="none">
                    {t('room.participants.host')}
                  </Badge>
                )}
              </Group>
              {isHost && p.participantId !== myId && (
                <Group gap="xs">
                  {p.audio && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onAskMute(p.participantId)}
                      data-testid={`room-ask-mute-${p.participantId}`}
                    >
                      {t('room.askMute')}
                    </Button>
                  )}
                  {/* Hosts stay admitted: they are neither sent back nor removed from here. */}
                  {!p.host && (
                    <>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onSendToLobby(p.participantId)}
                        data-testid={`room-send-lobby-${p.participantId}`}
                      >
                        {t('room.sendToLobby')}
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => onRemove(p.participantId)}
                        data-testid={`room-remove-${p.participantId}`}
                      >
                        {t('room.remove')}
                      </Button>
                    </>
                  )}
                </Group>
              )}
            </Stack>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

function Person({ participant: p }: { participant: RoomParticipant }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="sm" fw={500} truncate>
        {p.name}
      </Text>
      {p.facilityName && (
        <Text size="xs" c="dimmed" truncate>
          {p.facilityName}
        </Text>
      )}
    </Stack>
  );
}
