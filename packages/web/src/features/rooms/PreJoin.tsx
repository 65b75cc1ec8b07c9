import {
  Alert,
  AspectRatio,
  Avatar,
  Box,
  Button,
  Center,
  Divider,
  Grid,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { PreCallCheck } from './PreCallCheck';
import type { NetworkResult } from './PreCallCheck';
import type { SendMode } from './room-logic';
import type { LocalMedia } from './use-local-media';
import { StreamVideo } from './StreamVideo';

const MODES: readonly SendMode[] = ['normal', 'low', 'audio'];

/**
 * Before entering: the camera preview, the choice of camera and microphone, and "Join". When the browser
 * gives no camera or no microphone, says what joining will be like, and still lets the person in.
 */
export function PreJoin({
  media,
  joining,
  onJoin,
  sinkId,
  onSinkId,
}: {
  media: LocalMedia;
  joining: boolean;
  onJoin: (mode: SendMode) => void;
  sinkId: string | null;
  onSinkId: (id: string) => void;
}) {
  const t = useT();
  const { mode } = media;
  // The person's choice wins over the network test's recommendation.
  const [chosen, setChosen] = useState<SendMode | null>(null);
  const [recommended, setRecommended] = useState<SendMode | null>(null);
  const sendMode = chosen ?? recommended ?? 'normal';
  const hasVideo = mode === 'full' || mode === 'video-only';
  const joinLabel =
    mode === 'audio-only'
      ? t('room.joinAudioOnly')
      : mode === 'video-only'
        ? t('room.joinVideoOnly')
        : mode === 'none'
          ? t('room.joinWithout')
          : t('room.join');
  const explain =
    mode === 'audio-only'
      ? t('room.media.audioOnly')
      : mode === 'video-only'
        ? t('room.media.videoOnly')
        : mode === 'none'
          ? t('room.media.none')
          : null;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} data-testid="room-prejoin" data-media={mode}>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <AspectRatio ratio={16 / 9}>
            <Box bg="dark.7" style={{ borderRadius: 8, overflow: 'hidden' }}>
              {hasVideo ? (
                <StreamVideo stream={media.stream} muted mirror label={t('room.prejoin.preview')} />
              ) : (
                <Center h="100%">
                  {mode === 'pending' ? (
                    <Text c="gray.4" size="sm">
                      {t('room.prejoin.asking')}
                    </Text>
                  ) : (
                    <Avatar size="xl" color="gray" radius="xl" />
                  )}
                </Center>
              )}
            </Box>
          </AspectRatio>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              {t('room.prejoin.title')}
            </Title>
            <Select
              label={t('room.prejoin.camera')}
              data={media.cameras.map((d, i) => ({ value: d.deviceId, label: d.label || t('room.prejoin.deviceCamera', { n: i + 1 }) }))}
              value={media.cameraId}
              onChange={(value) => value && media.chooseCamera(value)}
              disabled={media.cameras.length === 0 || joining}
              allowDeselect={false}
              size="md"
              data-testid="room-camera-select"
            />
            <Select
              label={t('room.prejoin.microphone')}
              data={media.microphones.map((d, i) => ({
                value: d.deviceId,
                label: d.label || t('room.prejoin.deviceMicrophone', { n: i + 1 }),
              }))}
              value={media.microphoneId}
              onChange={(value) => value && media.chooseMicrophone(value)}
              disabled={media.microphones.length === 0 || joining}
              allowDeselect={false}
              size="md"
              data-testid="room-microphone-select"
            />
            {explain && (
              <Alert color="yellow" data-testid="room-media-warning">
                <Stack gap={4}>
                  <Text size="sm">{explain}</Text>
                  {media.problem === 'denied' && <Text size="sm">{t('room.media.denied')}</Text>}
                </Stack>
              </Alert>
            )}
            <NativeSelect
              label={t('room.prejoin.mode')}
              value={sendMode}
              onChange={(e) => setChosen(e.currentTarget.value as SendMode)}
              data={MODES.map((m) => ({ value: m, label: t(`room.mode.${m}`) }))}
              disabled={joining}
              size="md"
              data-testid="room-prejoin-mode"
            />
            <Button size="lg" onClick={() => onJoin(sendMode)} loading={joining} disabled={mode === 'pending'} data-testid="room-join">
              {joinLabel}
            </Button>
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider mb="md" />
          <PreCallCheck
            media={media}
            sinkId={sinkId}
            onSinkId={onSinkId}
            onNetwork={(result: NetworkResult | null) => setRecommended(result?.recommended ?? null)}
          />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
