import { Button, Group, Loader, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useRealtime, useRealtimeConnection } from '../notifications/use-realtime';
import { kbps, recommendMode } from './room-logic';
import type { SendMode } from './room-logic';
import type { LocalMedia } from './use-local-media';

/** The download used to time the link: the API description, a few hundred kilobytes. */
const PROBE_URL = '/api/docs/json';
const PROBE_RUNS = 3;
const PING_TIMEOUT_MS = 5_000;

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export interface NetworkResult {
  kbps: number;
  /** Round trip of a WebSocket ping, ms (`null`: no answer). */
  rttMs: number | null;
  recommended: SendMode;
}

/**
 * The check before joining: the microphone's level, a test sound through the chosen speaker, and the network
 * (download speed and the server's round trip), which recommends a video quality.
 */
export function PreCallCheck({
  media,
  sinkId,
  onSinkId,
  onNetwork,
}: {
  media: LocalMedia;
  sinkId: string | null;
  onSinkId: (id: string) => void;
  onNetwork: (result: NetworkResult | null) => void;
}) {
  const t = useT();
  const audioTrack = media.stream?.getAudioTracks()[0] ?? null;
  const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  return (
    <Stack gap="sm" data-testid="room-check">
      <Title order={3} size="h5">
        {t('room.check.title')}
      </Title>
      <MicrophoneLevel track={audioTrack} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('room.check.speaker')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          {canChooseSpeaker && media.speakers.length > 0 && (
            <Select
              style={{ flex: 1 }}
              aria-label={t('room.check.speaker')}
              data={media.speakers.map((d, i) => ({ value: d.deviceId, label: d.label || t('room.check.deviceSpeaker', { n: i + 1 }) }))}
              value={sinkId}
              placeholder={t('room.check.speakerDefault')}
              onChange={(value) => value && onSinkId(value)}
              allowDeselect={false}
              data-testid="room-speaker-select"
            />
          )}
          <Button variant="default" onClick={() => void playTone(sinkId)} data-testid="room-speaker-test">
            {t('room.check.playTone')}
          </Button>
        </Group>
      </Stack>
      <NetworkTest onResult={onNetwork} />
    </Stack>
  );
}

/** A live level meter of the microphone (Web Audio analyser, root mean square of the waveform). */
function MicrophoneLevel({ track }: { track: MediaStreamTrack | null }) {
  const t = useT();
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
    if (!track || !Ctx) return;
    const ctx = new Ctx();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around 0.02–0.2 RMS: a square root spreads it over the bar.
      setLevel(Math.min(1, Math.sqrt(rms * 5)));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void ctx.close().catch(() => undefined);
    };
  }, [track]);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('room.check.microphone')}
      </Text>
      {track ? (
        <Progress
          value={Math.round(level * 100)}
          color={level > 0.05 ? 'teal' : 'gray'}
          size="lg"
          aria-label={t('room.check.microphone')}
          data-testid="room-mic-level"
          data-level={Math.round(level * 100)}
          transitionDuration={80}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('room.check.noMicrophone')}
        </Text>
      )}
    </Stack>
  );
}

/** Half a second of 440 Hz through the chosen output (where the browser allows choosing it). */
async function playTone(sinkId: string | null): Promise<void> {
  const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  const out = ctx.createMediaStreamDestination();
  osc.frequency.value = 440;
  gain.gain.setValueAtTime(0.2, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
  osc.connect(gain).connect(out);
  const audio = new Audio() as SinkAudio;
  audio.srcObject = out.stream;
  try {
    if (sinkId && typeof audio.setSinkId === 'function') await audio.setSinkId(sinkId);
    await audio.play();
    osc.start();
    osc.stop(ctx.currentTime + 0.6);
    await new Promise((resolve) => setTimeout(resolve, 700));
  } catch {
    // Autoplay refused or the device went away: nothing to play.
  } finally {
    audio.srcObject = null;
    await ctx.close().catch(() => undefined);
  }
}

/** Downloads the API description three times and pings the server over the app's WebSocket. */
function NetworkTest({ onResult }: { onResult: (result: NetworkResult | null) => void }) {
  const t = useT();
  const { send, status } = useRealtimeConnection();
  const [state, setState] = useState<{ kind: 'testing' } | { kind: 'done'; result: NetworkResult } | { kind: 'failed' }>({
    kind: 'testing',
  });
  const [run, setRun] = useState(0);
  const pong = useRef<(() => void) | null>(null);
  const onResultRef = useRef(onResult);
  const sendRef = useRef(send);
  useEffect(() => {
    onResultRef.current = onResult;
    sendRef.current = send;
  });

  useRealtime((m) => {
    if (m.type === 'pong') pong.current?.();
  });

  const open = status === 'open';
  useEffect(() => {
    let cancelled = false;
    const ping = (): Promise<number | null> =>
      new Promise((resolve) => {
        if (!open) return resolve(null);
        const start = performance.now();
        const timer = setTimeout(() => {
          pong.current = null;
          resolve(null);
        }, PING_TIMEOUT_MS);
        pong.current = () => {
          clearTimeout(timer);
          pong.current = null;
          resolve(Math.round(performance.now() - start));
        };
        sendRef.current({ type: 'ping' });
      });
    const measure = async (): Promise<NetworkResult> => {
      let bytes = 0;
      let ms = 0;
      for (let i = 0; i < PROBE_RUNS; i++) {
        const start = performance.now();
        const res = await fetch(`${PROBE_URL}?probe=${Date.now()}-${i}`, { cache: 'no-store', credentials: 'same-origin' });
        if (!res.ok) throw new Error(`probe ${res.status}`);
        bytes += (await res.arrayBuffer()).byteLength;
        ms += performance.now() - start;
        if (cancelled) throw new Error('cancelled');
      }
      const speed = kbps(bytes, ms);
      const rttMs = await ping();
      return { kbps: speed, rttMs, recommended: recommendMode(speed) };
    };
    measure().then(
      (result) => {
        if (cancelled) return;
        setState({ kind: 'done', result });
        onResultRef.current(result);
      },
      () => {
        if (cancelled) return;
        setState({ kind: 'failed' });
        onResultRef.current(null);
      },
    );
    return () => {
      cancelled = true;
      pong.current = null;
    };
  }, [run, open]);

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('room.check.network')}
      </Text>
      {state.kind === 'testing' ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('room.check.networkTesting')}
          </Text>
        </Group>
      ) : (
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Text
            size="sm"
            data-testid="room-network-result"
            data-recommended={state.kind === 'done' ? state.result.recommended : 'normal'}
            data-kbps={state.kind === 'done' ? state.result.kbps : undefined}
            data-rtt={state.kind === 'done' ? (state.result.rttMs ?? undefined) : undefined}
          >
            {state.kind === 'done'
              ? t('room.check.networkResult', {
                  kbps: state.result.kbps,
                  rtt: state.result.rttMs ?? '—',
                  mode: t(`room.mode.name.${state.result.recommended}`),
                })
              : t('room.check.networkFailed')}
          </Text>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => {
              setState({ kind: 'testing' });
              setRun((n) => n + 1);
            }}
          >
            {t('room.check.networkAgain')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
