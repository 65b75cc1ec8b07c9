import { decideStepDown, inboundReading, linkQuality, loudest, outboundReading } from './room-logic';
import type { LinkQuality, OutboundReading, SendMode, StatsEntry } from './room-logic';
import type { Peer } from './room-peers';
import type { RoomTestHandle, RoomView, ViewUpdate } from './room-types';

/** Audio levels (the speaker view) are read every second; the link quality and step-down every 5 s. */
const LEVEL_TICK_MS = 1_000;
const QUALITY_EVERY_TICKS = 5;
/** A new connection's bandwidth estimate starts low and ramps up: its first seconds are not judged. */
export const WARM_UP_MS = 10_000;

/** One stats round: each remote participant's audio level and link quality, my sending, the test readings. */
export interface StatsRound {
  levels: Record<string, number | null>;
  quality: Record<string, LinkQuality>;
  /** My sending, per connection judged (past its warm-up), for the automatic step-down. */
  readings: OutboundReading[];
  stats: ReturnType<RoomTestHandle['stats']>;
}

/** A media path that reads its own stats (the SFU links); the mesh is read here. */
export interface StatsReader {
  /** `full`: the quality round (every fifth), else only the audio levels. */
  readStats: (full: boolean, view: RoomView) => Promise<StatsRound>;
}

/** What the stats polling needs from the room engine. */
export interface StatsHost {
  destroyed: () => boolean;
  peers: () => ReadonlyMap<string, Peer>;
  view: () => RoomView;
  update: ViewUpdate;
  /** The automatic step-down lowers the mode as the person would. */
  setMode: (mode: SendMode) => void;
  /** The SFU links while they are the room's media path (null: the mesh of `peers`). */
  reader?: () => StatsReader | null;
}

/** The stats polling of every connection: who speaks, each link's quality, and the automatic step-down. */
export class RoomStats {
  private streak = 0;
  private tick = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  private last: ReturnType<RoomTestHandle['stats']> = {};

  constructor(private readonly host: StatsHost) {}

  /** The last full reading of each peer (for the end-to-end tests). */
  lastStats(): ReturnType<RoomTestHandle['stats']> {
    return this.last;
  }

  /** The mode changed: the step-down counts again from zero. */
  resetStreak(): void {
    this.streak = 0;
  }

  start(): void {
    if (this.timer !== undefined || typeof window === 'undefined') return;
    this.timer = setInterval(() => void this.read(), LEVEL_TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every second the audio levels (who speaks); every fifth, each link's quality and the automatic step-down. */
  private async read(): Promise<void> {
    if (this.busy || this.host.destroyed()) return;
    this.busy = true;
    try {
      this.tick += 1;
      const full = this.tick % QUALITY_EVERY_TICKS === 0;
      const reader = this.host.reader?.() ?? null;
      const { levels, quality, readings, stats } = reader ? await reader.readStats(full, this.host.view()) : await this.readMesh(full);
      const speaker = loudest(levels, this.host.view().speaker);
      if (!full) {
        if (speaker !== this.host.view().speaker) this.host.update({ speaker });
        return;
      }
      this.last = stats;
      this.host.update({ speaker, quality });
      const decision = decideStepDown(this.host.view().mode, this.streak, readings);
      this.streak = decision.streak;
      if (decision.stepped) {
        this.host.setMode(decision.mode);
        this.host.update({ info: { kind: 'stepDown', mode: decision.mode } });
      }
    } catch {
      // A connection closed during the reading: the next one goes on.
    } finally {
      this.busy = false;
    }
  }

  /** The mesh: one reading per remote participant's connection. */
  private async readMesh(full: boolean): Promise<StatsRound> {
    const levels: Record<string, number | null> = {};
    const quality: Record<string, LinkQuality> = {};
    const readings: OutboundReading[] = [];
    const stats: ReturnType<RoomTestHandle['stats']> = {};
    const peers = this.host.peers();
    for (const [id, peer] of [...peers]) {
      if (peer.pc.connectionState !== 'connected') continue;
      const entries: StatsEntry[] = [];
      (await peer.pc.getStats()).forEach((e: StatsEntry) => entries.push(e));
      if (peers.get(id) !== peer) continue;
      const inbound = inboundReading(entries, full ? peer.counters : null);
      levels[id] = inbound.audioLevel;
      if (!full) continue;
      peer.counters = inbound.counters;
      const other = this.host.view().participants.find((p) => p.participantId === id);
      quality[id] = linkQuality(inbound, !!other?.video && other.mode !== 'audio');
      const outbound = outboundReading(entries);
      if (peer.connectedAt > 0 && Date.now() - peer.connectedAt >= WARM_UP_MS) readings.push(outbound);
      stats[id] = {
        outbound,
        inbound: { loss: inbound.loss, jitter: inbound.jitter, fps: inbound.fps, audioLevel: inbound.audioLevel },
        quality: quality[id] ?? null,
      };
    }
    return { levels, quality, readings, stats };
  }
}
