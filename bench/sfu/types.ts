import type { StreamRate } from './rtp.js';

/** Min / median / max of a series (Janus's CPU over each second of a window). */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** One N-site session: every site publishes and receives every other site's video. */
export interface SitesRun {
  label: string;
  sites: number;
  published: number;
  /** Streams Janus forwards: N × (N − 1). */
  forwarded: number;
  error?: string;
  setupMs?: number;
  /** Whether every subscriber had decoded > 10 frames of every stream before the window, and when (ms after setup). */
  flowing?: { ok: boolean; ms: number; streams: number };
  windowSeconds?: number;
  janus?: {
    /** % of one core, mean over the window. */
    cpuPct: number;
    perSecondPct: Spread;
    /** CPU ms per second of wall time, per forwarded stream (all of Janus's time divided by the forwarded streams). */
    msPerSecPerStream: number;
    /** The same after taking away Janus's idle CPU measured in the same run. */
    msPerSecPerStreamNetOfIdle: number;
    /** CPU µs per RTP packet the subscribers received (forwarded packets). */
    usPerForwardedPacket: number;
  };
  chromiumCpuPct?: number;
  machineBusyPct?: number;
  streams?: {
    /** Inbound video streams that decoded frames during the window, of `expected`. */
    flowing: number;
    expected: number;
    decodedFpsTotal: number;
    /** What the publishers encoded in the window × (N − 1): the decoded total if nothing were lost. */
    decodedFpsExpected: number;
    fpsPerStream: Spread;
    kbpsPerStream: Spread;
    forwardedPacketsPerSecond: number;
    packetsLost: number;
    minFramesDecoded: number;
  };
  publishers?: { encodeFps: Spread; kbps: Spread; resolution: string; qualityLimitation: Record<string, number> };
  /** Unsolicited Janus events seen by the pages (slowlink = Janus saw losses or NACK bursts). */
  events?: Record<string, number>;
}

export interface ModeRun {
  /** The camera: Chromium's fake pattern (flat, cheap to encode) or the busy synthetic clip (bench/sfu/y4m.ts). */
  source: 'pattern' | 'busy';
  mode: 'normal' | 'low';
  /** The sender's encoding, as the web app sets it for the mode (`videoEncodingFor`). */
  encoding: { maxBitrate: number; scaleResolutionDownBy: number; maxFramerate: number | undefined };
  error?: string;
  warmupSeconds: number;
  inbound?: StreamRate;
  outbound?: StreamRate;
  targetBitrate?: number | null;
  availableOutgoingBitrate?: number | null;
  qualityLimitationReason?: string | null;
}

export interface AudioRun {
  who: 'sound-only' | 'normal';
  /** Opus rate of the mix this participant hears (AudioBridge `configure` `bitrate`). */
  mixBitrate: number;
  /** Cap on the participant's microphone sender (none: Chromium's default Opus). */
  micMaxBitrate: number | null;
  inbound?: StreamRate;
  outbound?: StreamRate;
  srtpCipher?: string | null;
}

export interface SfuReport {
  date: string;
  environment: {
    cpus: number;
    cpuModel: string;
    node: string;
    janus: string;
    janusPlugins: Record<string, string>;
    chromium: string;
    clockTicks: number;
    loadAverage: { start: number; end: number };
  };
  settings: {
    windowSeconds: number;
    warmupSeconds: number;
    modeWindowSeconds: number;
    site: { width: number; height: number; fps: number; maxBitrate: number };
    modeCamera: { width: number; height: number; fps: number };
  };
  idle: { seconds: number; janusCpuPct: number };
  sites: SitesRun[];
  baseline: { msPerSecPerStream: number; usPerForwardedPacket: number; from: string[] };
  /** Least squares of Janus's CPU % against the forwarded streams over the runs: slope (as ms/s) and intercept. */
  fit: { msPerSecPerForwardedStream: number; interceptPct: number; points: number };
  modes: ModeRun[];
  modeCaps: Record<string, number>;
  audio: { error?: string; samplingRate: number; runs: AudioRun[] };
  wallSeconds: number;
}
