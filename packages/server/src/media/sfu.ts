import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { ServerMessage, SfuLink, SfuStream, SignalData } from '@vuonxa/core';
import Janode, { type Candidate, type Connection, type Jsep, type Session } from 'janode';
import AudioBridge, { type AudioBridgeHandle } from 'janode/plugins/audiobridge';
import VideoRoom, { type StreamInfo, type VideoRoomHandle } from 'janode/plugins/videoroom';

/** Opus bitrate of the mix each participant hears, and of what a sound-only participant hears (issue 5: ~40 kbps). */
export const MIX_BITRATE = { normal: 32_000, audio: 16_000 } as const;
/**
 * Weak links on the receiving side: a participant in `low` mode gets the small simulcast layer (substream 0, about
 * 150 kbps) of at most this many sites, the procedure camera and the hosts first, so what reaches an island stays
 * near the mode's 300 kbps whatever the number of sites. In `normal` mode the full layer of everyone.
 */
export const LOW_MODE_VIDEOS = 2;
/** How long the server waits for a browser's answer to a subscribe offer before giving up on it. */
const ANSWER_TIMEOUT_MS = 20_000;

export interface SfuConfig {
  /** Janus WebSocket API, e.g. ws://127.0.0.1:8188/ */
  url: string;
  apiSecret?: string;
  /** Where Janus writes recordings (the same folder as seen by this server); null: recording off. */
  recordDir: string | null;
}

/** Sends a message to one participant of a room (the room service knows their socket). */
export type Deliver = (roomId: string, participantId: string, msg: ServerMessage) => void;

interface Logger {
  warn: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
}

interface Member {
  participantId: string;
  name: string;
  /** The participant's id in the bridge. */
  feed: number;
  /** Their publisher id in the video room: a new one each time they publish, so every subscription sees the change. */
  videoFeed: number;
  pub: VideoRoomHandle | null;
  publishing: boolean;
  sub: VideoRoomHandle | null;
  subFeeds: Set<number>;
  wantsVideo: boolean;
  audio: AudioBridgeHandle | null;
  /** Sound-only participants hear a leaner mix. */
  audioOnly: boolean;
  /** Receives the small layers of a few sites only (see LOW_MODE_VIDEOS). */
  low: boolean;
  /** Whose video a low-mode participant keeps: 2 a procedure camera, 1 a host, 0 the others. */
  priority: number;
  /** When they arrived (ties in priority go to the earlier). */
  seq: number;
  /** The video mids of their subscription (for choosing the simulcast layer). */
  subMids: string[];
  mutedByHost: boolean;
  /** One queue per link: an offer, its candidates and the subscription updates run in order. */
  chains: Record<SfuLink, Promise<void>>;
  awaitingAnswer: ((jsep: Jsep) => void) | null;
  gone: boolean;
}

interface SfuRoom {
  roomId: string;
  videoRoom: number;
  audioRoom: number;
  secret: string;
  members: Map<string, Member>;
  /** Every feed's display name since the room opened (labels of recorded videos). */
  names: Map<number, string>;
  recordingDir: string | null;
}

/**
 * The media plane of multi-site rooms: Janus VideoRoom for video, AudioBridge for sound, driven by this server
 * through janode. Browsers never talk to Janus's API; they send their offers, answers and candidates over the app's
 * socket, and the room service has checked who they are and that they are admitted before anything reaches here.
 *
 * - Each Janus room is created with a random number and secret when the first admitted person sends media, and
 *   destroyed when the room empties.
 * - Each participant: a publisher handle (their camera or screen, video only), a subscriber handle (everyone
 *   else's video, one multistream connection, offered by Janus and updated as publishers come and go) and an
 *   AudioBridge handle (sends their microphone, receives the mix of everyone else as one Opus stream).
 * - Sound-only mode drops the two video handles; the AudioBridge link stays, so the sound never stops.
 */
export function createSfu(config: SfuConfig, deliver: Deliver, log: Logger) {
  let connection: Connection | null = null;
  let session: Session | null = null;
  let admin: { video: VideoRoomHandle; audio: AudioBridgeHandle } | null = null;
  let connecting: Promise<boolean> | null = null;
  const rooms = new Map<string, SfuRoom>();
  let seq = 0;
  Janode.Logger.setLevel('none');

  function reset(reason: string) {
    if (connection) log.warn({ reason }, 'media server connection lost');
    connection = null;
    session = null;
    admin = null;
    // Janus lost its state with the connection: every room's participants rebuild their links on the next join.
    for (const r of rooms.values())
      for (const m of r.members.values())
        for (const link of ['publish', 'subscribe', 'audio'] as const)
          deliver(r.roomId, m.participantId, { type: 'room.sfu_closed', roomId: r.roomId, link });
    rooms.clear();
  }

  async function connect(): Promise<boolean> {
    if (admin) return true;
    connecting ??= (async () => {
      try {
        const c = await Janode.connect({ address: { url: config.url, apisecret: config.apiSecret }, max_retries: 1, retry_time_secs: 1 });
        c.once(Janode.EVENT.CONNECTION_CLOSED!, () => reset('closed'));
        c.once(Janode.EVENT.CONNECTION_ERROR!, () => reset('error'));
        const s = await c.create(25);
        const video = await s.attach(VideoRoom);
        const audio = await s.attach(AudioBridge);
        connection = c;
        session = s;
        admin = { video, audio };
        log.info({}, 'media server connected');
        return true;
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'media server unreachable');
        return false;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  /**
   * The Janus rooms of a room, created once. Every caller awaits the same promise, so the steps of one socket keep
   * their order (an offer and the candidates right behind it).
   */
  const creating = new Map<string, Promise<SfuRoom>>();
  function ensureRoom(roomId: string): Promise<SfuRoom> {
    const existing = rooms.get(roomId);
    if (existing) return Promise.resolve(existing);
    let p = creating.get(roomId);
    if (!p) {
      p = createRoom(roomId).finally(() => creating.delete(roomId));
      creating.set(roomId, p);
    }
    return p;
  }

  async function createRoom(roomId: string): Promise<SfuRoom> {
    if (!(await connect()) || !admin) throw new Error('media server unavailable');
    const r: SfuRoom = {
      roomId,
      videoRoom: randomInt(1, 2 ** 47),
      audioRoom: randomInt(1, 2 ** 47),
      secret: randomBytes(24).toString('base64url'),
      members: new Map(),
      names: new Map(),
      recordingDir: config.recordDir ? `${config.recordDir}/${roomId}` : null,
    };
    // Janus writes recordings here (the same folder for both processes: see deploy/janus/README.md).
    if (r.recordingDir) await mkdir(r.recordingDir, { recursive: true }).catch(() => undefined);
    const rec = r.recordingDir ? { rec_dir: r.recordingDir } : {};
    await admin.video.create({
      room: r.videoRoom,
      description: roomId,
      secret: r.secret,
      is_private: true,
      max_publishers: 40,
      bitrate: 2_500_000,
      bitrate_cap: false,
      fir_freq: 10,
      videocodec: 'vp8',
      notify_joining: false,
      ...rec,
    });
    await admin.audio.create({
      room: r.audioRoom,
      description: roomId,
      secret: r.secret,
      is_private: true,
      sampling_rate: 16_000,
      bitrate: MIX_BITRATE.normal,
      // Who is talking (the speaker view): a level over 25 for about a second.
      talking_events: true,
      talking_level_threshold: 25,
      talking_packets_threshold: 50,
      ...rec,
    });
    rooms.set(roomId, r);
    return r;
  }

  function memberOf(r: SfuRoom, participantId: string, name: string): Member {
    let m = r.members.get(participantId);
    if (!m) {
      m = {
        participantId,
        name,
        feed: randomInt(1, 2 ** 47),
        videoFeed: 0,
        pub: null,
        publishing: false,
        sub: null,
        subFeeds: new Set(),
        wantsVideo: true,
        audio: null,
        audioOnly: false,
        low: false,
        priority: 0,
        seq: (seq += 1),
        subMids: [],
        mutedByHost: false,
        chains: { publish: Promise.resolve(), subscribe: Promise.resolve(), audio: Promise.resolve() },
        awaitingAnswer: null,
        gone: false,
      };
      r.members.set(participantId, m);
    }
    return m;
  }

  /** Runs a step of a link after the ones before it; a failure is logged and told to the participant. */
  function queue(r: SfuRoom, m: Member, link: SfuLink, step: () => Promise<void>): Promise<void> {
    const run = m.chains[link].then(async () => {
      if (m.gone) return;
      try {
        await step();
      } catch (err) {
        log.warn({ link, err: (err as Error).message }, 'media server step failed');
        if (!m.gone) deliver(r.roomId, m.participantId, { type: 'room.error', roomId: r.roomId, code: 'MEDIA_UNAVAILABLE' });
      }
    });
    m.chains[link] = run;
    return run;
  }

  const send = (r: SfuRoom, m: Member, link: SfuLink, data: SignalData, streams?: SfuStream[]) =>
    deliver(r.roomId, m.participantId, { type: 'room.sfu', roomId: r.roomId, link, data, ...(streams ? { streams } : {}) });

  async function detach(h: { detach: () => Promise<void> } | null) {
    if (h) await h.detach().catch(() => undefined);
  }

  function candidateOf(data: Extract<SignalData, { type: 'candidate' }>): Candidate {
    return {
      candidate: data.candidate.candidate,
      sdpMid: data.candidate.sdpMid ?? null,
      sdpMLineIndex: data.candidate.sdpMLineIndex ?? null,
    };
  }

  function streamsOf(r: SfuRoom, list: StreamInfo[] | undefined): SfuStream[] {
    const byFeed = new Map([...r.members.values()].map((x) => [x.videoFeed, x.participantId]));
    const out: SfuStream[] = [];
    for (const s of list ?? []) {
      const who = s.feed_id !== undefined ? byFeed.get(s.feed_id) : undefined;
      if (who && (s.type === 'audio' || s.type === 'video') && s.active !== false)
        out.push({ mid: s.mid, participantId: who, kind: s.type });
    }
    return out;
  }

  /** Brings a participant's subscription in line with who publishes now (and whether they want video at all). */
  function syncSubscription(r: SfuRoom, m: Member): Promise<void> {
    return queue(r, m, 'subscribe', async () => {
      const publishers = m.wantsVideo
        ? [...r.members.values()].filter((x) => x !== m && x.publishing && !x.gone).sort((a, b) => b.priority - a.priority || a.seq - b.seq)
        : [];
      const desired = new Set((m.low ? publishers.slice(0, LOW_MODE_VIDEOS) : publishers).map((x) => x.videoFeed));
      if (desired.size === 0) {
        // Nothing to receive: no subscription (rebuilt when someone publishes).
        if (m.sub) {
          const sub = m.sub;
          m.sub = null;
          m.subFeeds.clear();
          await detach(sub);
          deliver(r.roomId, m.participantId, { type: 'room.sfu_closed', roomId: r.roomId, link: 'subscribe' });
        }
        return;
      }
      const add = [...desired].filter((f) => !m.subFeeds.has(f));
      const drop = [...m.subFeeds].filter((f) => !desired.has(f));
      if (add.length === 0 && drop.length === 0) return;
      let result: { jsep?: Jsep; streams?: StreamInfo[] } | null = null;
      if (m.sub) {
        // Renegotiate the same connection: the others' video never stops when someone comes or goes.
        try {
          result = await m.sub.update({
            ...(add.length > 0 ? { subscribe: add.map((feed) => ({ feed })) } : {}),
            ...(drop.length > 0 ? { unsubscribe: drop.map((feed) => ({ feed })) } : {}),
          });
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'subscription update refused: rebuilt');
        }
      }
      if (!result) {
        // No subscription yet, or Janus refused the update: a fresh one.
        if (m.sub) {
          const old = m.sub;
          m.sub = null;
          await detach(old);
          deliver(r.roomId, m.participantId, { type: 'room.sfu_closed', roomId: r.roomId, link: 'subscribe' });
        }
        const sub = await session!.attach(VideoRoom);
        m.sub = sub;
        result = await sub.joinSubscriber({
          room: r.videoRoom,
          streams: [...desired].map((feed) => ({ feed })),
          autoupdate: false,
          use_msid: false,
        });
      }
      m.subFeeds = desired;
      const streams = streamsOf(r, result.streams);
      if (!result.jsep) return;
      const answer = new Promise<Jsep | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS);
        m.awaitingAnswer = (jsep) => {
          clearTimeout(timer);
          resolve(jsep);
        };
      });
      send(r, m, 'subscribe', { type: 'offer', sdp: result.jsep.sdp }, streams);
      const jsep = await answer;
      m.awaitingAnswer = null;
      if (!jsep || m.gone || !m.sub) return;
      await m.sub.start({ jsep });
      m.subMids = streams.filter((x) => x.kind === 'video').map((x) => x.mid);
      await chooseLayers(m);
    });
  }

  /** The simulcast layer of every video a participant receives: the small one in low mode, else the full one. */
  async function chooseLayers(m: Member): Promise<void> {
    if (!m.sub || m.subMids.length === 0) return;
    await m.sub.configure({ streams: m.subMids.map((mid) => ({ mid, substream: m.low ? 0 : 1 })) });
  }

  function syncOthers(r: SfuRoom, except: Member) {
    for (const other of r.members.values()) if (other !== except && !other.gone) void syncSubscription(r, other);
  }

  return {
    /** Whether Janus answers (connects on first use). */
    available: (): Promise<boolean> => connect(),

    /** One signaling step from an admitted participant's browser. */
    async signal(
      roomId: string,
      who: { participantId: string; name: string; mode: 'normal' | 'low' | 'audio'; priority: number },
      link: SfuLink,
      data: SignalData,
    ): Promise<void> {
      const r = await ensureRoom(roomId);
      const known = r.members.has(who.participantId);
      const m = memberOf(r, who.participantId, who.name);
      if (!known) {
        // A newcomer: receives the video of those already publishing (unless sound-only).
        m.wantsVideo = who.mode !== 'audio';
        m.audioOnly = who.mode === 'audio';
        m.low = who.mode === 'low';
        m.priority = who.priority;
        void syncSubscription(r, m);
      }
      if (link === 'subscribe') {
        if (data.type === 'answer') m.awaitingAnswer?.({ type: 'answer', sdp: data.sdp });
        else if (data.type === 'candidate') await m.sub?.trickle(candidateOf(data)).catch(() => undefined);
        return;
      }
      if (data.type === 'candidate') {
        const c = candidateOf(data);
        return queue(r, m, link, async () => {
          await (link === 'publish' ? m.pub : m.audio)?.trickle(c).catch(() => undefined);
        });
      }
      if (data.type !== 'offer') return;
      const offer: Jsep = { type: 'offer', sdp: data.sdp };
      if (link === 'audio') {
        return queue(r, m, 'audio', async () => {
          await detach(m.audio);
          const h = await session!.attach(AudioBridge);
          m.audio = h;
          // Each participant's own handle says when they talk; everyone in the room hears who.
          h.on(AudioBridge.EVENT.AUDIOBRIDGE_TALKING!, (e: { talking?: boolean }) => {
            if (m.audio !== h || m.gone) return;
            const msg = { type: 'room.speaking' as const, roomId: r.roomId, participantId: m.participantId, talking: e.talking === true };
            for (const other of r.members.values()) if (!other.gone) deliver(r.roomId, other.participantId, msg);
          });
          await h.join({ room: r.audioRoom, feed: m.feed, display: m.name, muted: m.mutedByHost });
          const res = await h.configure({ jsep: offer, bitrate: m.audioOnly ? MIX_BITRATE.audio : MIX_BITRATE.normal });
          if (res.jsep && !m.gone) send(r, m, 'audio', { type: 'answer', sdp: res.jsep.sdp });
        });
      }
      return queue(r, m, 'publish', async () => {
        const before = m.pub;
        const was = m.publishing;
        m.pub = null;
        m.publishing = false;
        await detach(before);
        if (was) syncOthers(r, m);
        const h = await session!.attach(VideoRoom);
        m.pub = h;
        m.videoFeed = randomInt(1, 2 ** 47);
        r.names.set(m.videoFeed, m.name);
        // Janus lets others subscribe once the publisher's media is up: then everyone else is offered this video.
        h.once(Janode.EVENT.HANDLE_WEBRTCUP!, () => {
          if (m.pub !== h || m.gone) return;
          m.publishing = true;
          syncOthers(r, m);
        });
        const res = await h.joinConfigurePublisher({ room: r.videoRoom, feed: m.videoFeed, display: m.name, jsep: offer });
        if (res.jsep && !m.gone) send(r, m, 'publish', { type: 'answer', sdp: res.jsep.sdp });
      });
    },

    /**
     * The participant's mode: sound-only drops their video links (and rebuilds them after); low keeps the small
     * layer of a few sites; normal everything.
     */
    async setMode(roomId: string, participantId: string, mode: 'normal' | 'low' | 'audio'): Promise<void> {
      const r = rooms.get(roomId);
      const m = r?.members.get(participantId);
      if (!r || !m) return;
      const wanted = mode !== 'audio';
      const low = mode === 'low';
      if (m.low !== low) {
        m.low = low;
        if (m.wantsVideo === wanted) {
          // Same links, other layers and perhaps fewer sites.
          await syncSubscription(r, m);
          await queue(r, m, 'subscribe', () => chooseLayers(m));
          return;
        }
      }
      m.audioOnly = !wanted;
      const audio = m.audio;
      const mix = () => audio?.configure({ bitrate: wanted ? MIX_BITRATE.normal : MIX_BITRATE.audio }).catch(() => undefined);
      if (m.wantsVideo === wanted) return void (await mix());
      m.wantsVideo = wanted;
      if (!wanted) {
        // Queued before anything awaits, so a publish offer sent after this change is not closed by it.
        const closed = queue(r, m, 'publish', async () => {
          const pub = m.pub;
          m.pub = null;
          m.publishing = false;
          await detach(pub);
          deliver(r.roomId, m.participantId, { type: 'room.sfu_closed', roomId: r.roomId, link: 'publish' });
        });
        const subscription = syncSubscription(r, m);
        await closed;
        syncOthers(r, m);
        await mix();
        return subscription;
      }
      const subscription = syncSubscription(r, m);
      await mix();
      await subscription;
    },

    /** Whose video a low-mode participant keeps first (a procedure camera, then the hosts). */
    setPriority(roomId: string, participantId: string, priority: number): void {
      const r = rooms.get(roomId);
      const m = r?.members.get(participantId);
      if (!r || !m || m.priority === priority) return;
      m.priority = priority;
      for (const other of r.members.values()) if (other !== m && other.low) void syncSubscription(r, other);
    },

    /** A host muted someone (enforced in the bridge), or they unmuted themselves afterwards. */
    async mute(roomId: string, participantId: string, muted: boolean): Promise<void> {
      const r = rooms.get(roomId);
      const m = r?.members.get(participantId);
      if (!r || !m || !admin || m.mutedByHost === muted) return;
      m.mutedByHost = muted;
      if (!m.audio) return;
      if (muted) await admin.audio.mute({ room: r.audioRoom, feed: m.feed, secret: r.secret });
      else await admin.audio.unmute({ room: r.audioRoom, feed: m.feed, secret: r.secret });
    },

    /** The participant left, was removed or sent to the lobby, or took the seat from another tab: all links go. */
    async drop(roomId: string, participantId: string): Promise<void> {
      const r = rooms.get(roomId);
      const m = r?.members.get(participantId);
      if (!r || !m) return;
      m.gone = true;
      r.members.delete(participantId);
      m.awaitingAnswer?.({ type: 'answer', sdp: '' });
      const handles = [m.pub, m.sub, m.audio];
      m.pub = m.sub = m.audio = null;
      await Promise.all(handles.map(detach));
      // Belt and braces: the room's secret lets the server throw the feed out even if a detach was lost.
      if (admin) {
        if (m.videoFeed) await admin.video.kick({ room: r.videoRoom, feed: m.videoFeed, secret: r.secret }).catch(() => undefined);
        await admin.audio.kick({ room: r.audioRoom, feed: m.feed, secret: r.secret }).catch(() => undefined);
      }
      syncOthers(r, m);
    },

    /** Starts or stops recording every publisher's video and the sound mix, into the room's folder. */
    async setRecording(roomId: string, on: boolean, filename: string): Promise<string | null> {
      const r = rooms.get(roomId);
      if (!r || !admin || !r.recordingDir) return null;
      await admin.video.enable_recording({ room: r.videoRoom, secret: r.secret, record: on });
      await admin.audio.enableRecording({ room: r.audioRoom, secret: r.secret, record: on, filename, rec_dir: r.recordingDir });
      return r.recordingDir;
    },

    feedNames: (roomId: string): Map<number, string> => new Map(rooms.get(roomId)?.names ?? []),

    /** The Janus rooms behind a room, for tests and the bench (secrets never leave the server otherwise). */
    janusRooms: (roomId: string) => {
      const r = rooms.get(roomId);
      return r ? { videoRoom: r.videoRoom, audioRoom: r.audioRoom, secret: r.secret } : null;
    },

    /** The room emptied: its Janus rooms go. */
    async close(roomId: string): Promise<void> {
      const r = rooms.get(roomId);
      if (!r) return;
      rooms.delete(roomId);
      for (const m of r.members.values()) {
        m.gone = true;
        await Promise.all([m.pub, m.sub, m.audio].map(detach));
      }
      if (!admin) return;
      await admin.video.destroy({ room: r.videoRoom, secret: r.secret }).catch(() => undefined);
      await admin.audio.destroy({ room: r.audioRoom, secret: r.secret }).catch(() => undefined);
    },

    async shutdown(): Promise<void> {
      for (const id of [...rooms.keys()]) await this.close(id);
      const c = connection;
      connection = null;
      admin = null;
      if (session) await session.destroy().catch(() => undefined);
      session = null;
      if (c) await c.close().catch(() => undefined);
    },
  };
}
export type Sfu = ReturnType<typeof createSfu>;
