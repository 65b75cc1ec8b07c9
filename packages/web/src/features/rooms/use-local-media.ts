import { useEffect, useRef, useState } from 'react';
import { mediaModeOf } from './room-logic';
import type { MediaMode } from './room-logic';

/** Why the stream lacks camera or microphone: refused by the person or the browser, or no such device. */
export type MediaProblem = 'denied' | 'unavailable' | null;

export interface DeviceChoice {
  deviceId: string;
  /** Empty until the browser was allowed to name devices. */
  label: string;
}

export interface LocalMedia {
  stream: MediaStream | null;
  mode: MediaMode;
  problem: MediaProblem;
  cameras: DeviceChoice[];
  microphones: DeviceChoice[];
  /** Audio outputs (where the browser lets a page choose one, `setSinkId`). */
  speakers: DeviceChoice[];
  /** The device in use (or chosen), for the selects. */
  cameraId: string | null;
  microphoneId: string | null;
  chooseCamera: (deviceId: string) => void;
  chooseMicrophone: (deviceId: string) => void;
}

interface Acquired {
  stream: MediaStream | null;
  problem: MediaProblem;
}

function problemOf(error: unknown): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
}

/** Camera and microphone if possible, else the microphone alone, else the camera alone, else nothing. */
async function acquire(cameraId: string | null, microphoneId: string | null): Promise<Acquired> {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!media?.getUserMedia) return { stream: null, problem: 'unavailable' };
  const audio: MediaTrackConstraints | boolean = microphoneId ? { deviceId: { exact: microphoneId } } : true;
  const video: MediaTrackConstraints | boolean = cameraId
    ? { deviceId: { exact: cameraId }, width: { ideal: 1280 }, height: { ideal: 720 } }
    : { width: { ideal: 1280 }, height: { ideal: 720 } };
  let problem: MediaProblem = null;
  for (const constraints of [{ audio, video }, { audio }, { video }]) {
    try {
      const stream = await media.getUserMedia(constraints);
      return { stream, problem };
    } catch (error) {
      // The first refusal says the most (denied rather than "no camera").
      problem ??= problemOf(error);
    }
  }
  return { stream: null, problem };
}

async function listDevices(): Promise<MediaDeviceInfo[]> {
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!media?.enumerateDevices) return [];
  try {
    return await media.enumerateDevices();
  } catch {
    return [];
  }
}

function stop(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The local camera and microphone while `active`: asks the browser, falls back to audio only or nothing when
 * refused, lists the devices for the selects, and stops every track when inactive or unmounted.
 */
export function useLocalMedia(active: boolean): LocalMedia {
  const [chosen, setChosen] = useState<{ camera: string | null; microphone: string | null }>({ camera: null, microphone: null });
  const [acquired, setAcquired] = useState<Acquired & { mode: MediaMode }>({ stream: null, problem: null, mode: 'pending' });
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const current = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    void acquire(chosen.camera, chosen.microphone).then(async (result) => {
      if (cancelled) {
        stop(result.stream);
        return;
      }
      stop(current.current);
      current.current = result.stream;
      setAcquired({ ...result, mode: mediaModeOf(result.stream) });
      // Labels are given only once a permission was granted: list after asking.
      const list = await listDevices();
      if (!cancelled) setDevices(list);
    });
    return () => {
      cancelled = true;
    };
  }, [active, chosen.camera, chosen.microphone]);

  // Inactive or gone: release the camera (its light goes off).
  useEffect(() => {
    if (!active) {
      stop(current.current);
      current.current = null;
    }
    return () => {
      stop(current.current);
      current.current = null;
    };
  }, [active]);

  const track = (kind: 'audio' | 'video') => acquired.stream?.getTracks().find((t) => t.kind === kind);
  const inUse = (kind: 'audio' | 'video') => track(kind)?.getSettings().deviceId ?? null;
  const choices = (kind: MediaDeviceKind): DeviceChoice[] =>
    devices.filter((d) => d.kind === kind && d.deviceId !== '').map((d) => ({ deviceId: d.deviceId, label: d.label }));
  // A stream stopped on the way out stays in state until the next one arrives: it is not offered again.
  const live = active && acquired.stream?.getTracks().every((t) => t.readyState === 'live') !== false;

  return {
    stream: live ? acquired.stream : null,
    mode: live ? acquired.mode : 'pending',
    problem: acquired.problem,
    cameras: choices('videoinput'),
    microphones: choices('audioinput'),
    speakers: choices('audiooutput'),
    cameraId: chosen.camera ?? inUse('video'),
    microphoneId: chosen.microphone ?? inUse('audio'),
    chooseCamera: (deviceId) => setChosen((c) => ({ ...c, camera: deviceId })),
    chooseMicrophone: (deviceId) => setChosen((c) => ({ ...c, microphone: deviceId })),
  };
}
