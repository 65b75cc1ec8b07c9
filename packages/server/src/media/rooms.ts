import { randomBytes } from 'node:crypto';
import { type Annotation, type ClientMessage, type RoomParticipant, type ServerMessage } from '@vuonxa/core';
import type { Db } from '../db/db.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { Clock } from '../features/auth/auth.service.js';
import type { AuthContext, RequestMeta } from '../http/context.js';
import type { BlobStore } from '../lib/blob-store.js';
import { isOpen, roomAccess } from './room-access.js';
import { createRoomChat } from './room-chat.js';
import { createRoomRecording } from './room-recording.js';
import type { Sfu } from './sfu.js';
import { turnCredentials } from './turn.js';

export type RoomMessage = Extract<ClientMessage, { type: `room.${string}` }>;
export type RoomError = Extract<ServerMessage, { type: 'room.error' }>['code'];

/** One socket of a signed-in user, as the realtime route sees it. */
export interface Connection {
  id: string;
  auth: AuthContext;
  meta: RequestMeta;
  send: (msg: ServerMessage) => void;
}

export interface Seat extends RoomParticipant {
  connectionId: string | null;
  send: ((msg: ServerMessage) => void) | null;
  attendanceId: string | null;
  /** When the socket dropped; the seat is kept for `graceMs` so a reconnect finds it. */
  droppedAt: number | null;
  /** A host muted them (enforced in the sound bridge until they unmute themselves). */
  mutedByHost: boolean;
}

export interface Room {
  roomId: string;
  sessionId: string;
  hubId: string;
  kind: 'session' | 'visit';
  title: string;
  seats: Map<string, Seat>;
  removedUsers: Set<string>;
  media: 'p2p' | 'sfu';
  annotations: Annotation[];
  recording: { state: 'off' | 'asking' | 'on'; startedAt: string | null; id: string | null; missing: string[] };
}

/** Strokes kept per procedure stream (the oldest go first beyond this). */
const MAX_STROKES_PER_TARGET = 200;

/**
 * Live rooms of consultation sessions: who may enter (per session, role and time window), the lobby, and the relay
 * of WebRTC signaling between admitted participants. Room state lives in this process (rooms are assigned to an
 * instance); the seats of a user survive a reconnect within `graceMs`.
 */
export function createRooms(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  graceMs?: number;
  /** Janus, when configured: multi-site rooms go through it; without it, peer-to-peer. */
  sfu?: Sfu | null;
  store?: BlobStore;
  retentionYears?: number;
  log?: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };
}) {
  const { db, audit, clock } = deps;
  const sfu = deps.sfu ?? null;
  const log = deps.log ?? { warn: () => undefined, info: () => undefined };
  const graceMs = deps.graceMs ?? 60_000;
  const rooms = new Map<string, Room>();
  const roomChat = createRoomChat({ db, now: () => clock.now(), log });
  const access = roomAccess(db);

  const view = (s: Seat): RoomParticipant => ({
    participantId: s.participantId,
    userId: s.userId,
    name: s.name,
    facilityName: s.facilityName,
    host: s.host,
    status: s.status,
    joinedAt: s.joinedAt,
    handRaised: s.handRaised,
    audio: s.audio,
    video: s.video,
    mode: s.mode,
    epoch: s.epoch,
    procedure: s.procedure,
    recordingConsent: s.recordingConsent,
  });
  const present = (r: Room) => [...r.seats.values()].filter((s) => s.send !== null || s.droppedAt !== null);
  const broadcast = (r: Room) => {
    const out = { type: 'room.participants' as const, roomId: r.roomId, participants: present(r).map(view) };
    for (const s of r.seats.values()) s.send?.(out);
  };
  const error = (c: Connection, roomId: string, code: RoomError) => c.send({ type: 'room.error', roomId, code });
  /** Whose video a low-mode site keeps first: a procedure camera, then the hosts (chair, secretary, hub). */
  const priorityOf = (s: Seat) => (s.procedure ? 2 : s.host ? 1 : 0);
  const admitted = (r: Room) => [...r.seats.values()].filter((s) => s.status === 'admitted');
  const recording = createRoomRecording({
    db,
    audit,
    sfu,
    store: deps.store,
    log,
    retentionYears: deps.retentionYears ?? 10,
    admitted,
    broadcast: (r) => broadcast(r),
    error: (c, roomId, code) => error(c, roomId, code),
    seatOf: (c, roomId) => seatOf(c, roomId),
  });
  const recordingStatus = recording.status;
  const broadcastRecording = recording.broadcast;
  const stopRecording = recording.stop;

  /** The participant's media links through Janus go (left, removed, sent to the lobby, or rebuilt). */
  function dropMedia(r: Room, seat: Seat): Promise<void> {
    if (r.media !== 'sfu' || !sfu) return Promise.resolve();
    return sfu.drop(r.roomId, seat.participantId).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'media drop failed'));
  }

  /** Strokes drawn on a stream go with it (the procedure camera stopped, or its site left). */
  function clearAnnotations(r: Room, target: Seat) {
    if (!r.annotations.some((a) => a.target === target.participantId)) return;
    r.annotations = r.annotations.filter((a) => a.target !== target.participantId);
    for (const s of admitted(r))
      s.send?.({
        type: 'room.annotation',
        roomId: r.roomId,
        target: target.participantId,
        from: target.participantId,
        action: { kind: 'clear' },
      });
  }

  /** In-room messages from an admitted participant: chat (stored), raised hand, own media state. */
  async function participantAction(
    c: Connection,
    msg: Extract<RoomMessage, { type: 'room.chat' | 'room.hand' | 'room.media' }>,
  ): Promise<void> {
    const at = seatOf(c, msg.roomId);
    if (!at || at.seat.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
    if (msg.type === 'room.chat') {
      // Relayed first, kept right after (room-chat.ts): the database is not on a line's way to the other sites.
      const { r, seat } = at;
      const { kept } = await roomChat.post(r.kind, r.sessionId, seat, msg.text, (message) => {
        const out = { type: 'room.chat' as const, roomId: msg.roomId, message };
        for (const s of r.seats.values()) if (s.status === 'admitted') s.send?.(out);
      });
      if (!kept) error(c, msg.roomId, 'CHAT_NOT_KEPT');
      return;
    }
    if (msg.type === 'room.hand') at.seat.handRaised = msg.raised;
    else {
      const { r, seat } = at;
      const wasMode = seat.mode;
      const wasProcedure = seat.procedure;
      Object.assign(seat, { audio: msg.audio, video: msg.video, mode: msg.mode, procedure: msg.procedure ?? seat.procedure });
      if (r.media === 'sfu' && sfu) {
        if (wasMode !== msg.mode) void sfu.setMode(r.roomId, seat.participantId, msg.mode).catch(() => undefined);
        sfu.setPriority(r.roomId, seat.participantId, priorityOf(seat));
        // Muted by a host, then unmuted by themselves: the bridge lets their sound through again.
        if (msg.audio && seat.mutedByHost) {
          seat.mutedByHost = false;
          void sfu.mute(r.roomId, seat.participantId, false).catch(() => undefined);
        }
      }
      if (wasProcedure && !seat.procedure) clearAnnotations(r, seat);
    }
    broadcast(at.r);
  }

  async function markAdmitted(r: Room, seat: Seat, c: Connection | null) {
    if (seat.attendanceId) return;
    // A visit keeps its own times (started and ended by the doctor); sessions keep attendance rows.
    if (r.kind === 'visit') return;
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO session_attendance (session_id, user_id, facility_id) VALUES ($1, $2, $3) RETURNING id',
      [r.sessionId, seat.userId, c?.auth.activeFacilityId ?? null],
    );
    seat.attendanceId = rows[0]!.id;
  }

  async function markLeft(seat: Seat) {
    if (!seat.attendanceId) return;
    await db.query('UPDATE session_attendance SET left_at = now() WHERE id = $1 AND left_at IS NULL', [seat.attendanceId]);
    seat.attendanceId = null;
  }

  function closeSeat(r: Room, seat: Seat) {
    r.seats.delete(seat.participantId);
    void markLeft(seat).catch(() => undefined);
    void dropMedia(r, seat);
    clearAnnotations(r, seat);
    if (r.seats.size === 0) {
      rooms.delete(r.roomId);
      void closeRoom(r);
      return;
    }
    broadcast(r);
    if (r.recording.state !== 'off') broadcastRecording(r);
  }

  /** The last person left: a running recording is filed, the Janus rooms go. */
  async function closeRoom(r: Room) {
    try {
      if (r.recording.state === 'on') await stopRecording(r, null);
      if (r.media === 'sfu' && sfu) await sfu.close(r.roomId);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'room close failed');
    }
  }

  async function join(c: Connection, roomId: string): Promise<void> {
    const s = await access.sessionOf(roomId);
    if (!s) return error(c, roomId, 'NOT_FOUND');
    const part = await access.partOf(c, s);
    if (!part) {
      await audit.record(c.meta, {
        action: 'access.denied',
        outcome: 'denied',
        entityType: s.kind === 'visit' ? 'visit' : 'consult_session',
        entityId: s.id,
        details: { room: true },
      });
      return error(c, roomId, 'FORBIDDEN');
    }
    const now = clock.now();
    if (!isOpen(s, now)) return error(c, roomId, 'NOT_OPEN');
    let r = rooms.get(roomId);
    if (!r) {
      const media = sfu && (await sfu.available()) ? 'sfu' : 'p2p';
      r = rooms.get(roomId) ?? {
        roomId,
        sessionId: s.id,
        hubId: s.hub_facility_id,
        kind: s.kind,
        title: s.title,
        seats: new Map(),
        removedUsers: new Set(),
        media,
        annotations: [],
        recording: { state: 'off', startedAt: null, id: null, missing: [] },
      };
      rooms.set(roomId, r);
    }
    if (r.removedUsers.has(c.auth.user.id)) return error(c, roomId, 'REMOVED');
    // The same person again (a reconnect, or a second tab): the seat, and the admission, carry over.
    let seat = [...r.seats.values()].find((x) => x.userId === c.auth.user.id);
    if (seat) {
      // Another tab of this person, still open, loses the seat and is told so; a repeated join is harmless.
      if (seat.connectionId !== c.id) {
        if (seat.send) seat.send({ type: 'room.superseded', roomId });
        seat.epoch += 1;
        // The new tab (or the reconnected one) builds its media links afresh.
        await dropMedia(r, seat);
      }
      seat.connectionId = c.id;
      seat.send = c.send;
      seat.droppedAt = null;
    } else {
      seat = {
        participantId: randomBytes(9).toString('base64url'),
        userId: c.auth.user.id,
        name: c.auth.user.displayName,
        facilityName: await access.facilityName(c.auth.activeFacilityId),
        host: part === 'host',
        status: part === 'host' ? 'admitted' : 'lobby',
        joinedAt: new Date(now).toISOString(),
        handRaised: false,
        audio: true,
        video: true,
        mode: 'normal',
        epoch: 0,
        connectionId: c.id,
        send: c.send,
        attendanceId: null,
        droppedAt: null,
        mutedByHost: false,
        procedure: false,
        recordingConsent: null,
      };
      r.seats.set(seat.participantId, seat);
      await audit.record(c.meta, {
        action: 'room.join',
        outcome: 'success',
        entityType: s.kind === 'visit' ? 'visit' : 'consult_session',
        entityId: s.id,
        details: { host: seat.host },
      });
    }
    if (seat.status === 'admitted') await markAdmitted(r, seat, c);
    const chat = await roomChat.history(r.kind, r.sessionId);
    c.send({
      type: 'room.joined',
      roomId,
      you: view(seat),
      participants: present(r).map(view),
      title: r.title,
      iceServers: turnCredentials(deps.turn, c.auth.user.id, now),
      chat,
      media: r.media,
      annotations: seat.status === 'admitted' ? r.annotations : [],
      recording: recordingStatus(r),
    });
    broadcast(r);
    if (r.recording.state !== 'off') broadcastRecording(r);
  }

  function seatOf(c: Connection, roomId: string): { r: Room; seat: Seat } | null {
    const r = rooms.get(roomId);
    const seat = r && [...r.seats.values()].find((x) => x.connectionId === c.id);
    return r && seat ? { r, seat } : null;
  }

  async function hostAction(
    c: Connection,
    msg: Extract<RoomMessage, { type: 'room.admit' | 'room.send_to_lobby' | 'room.remove' | 'room.mute' }>,
  ): Promise<void> {
    const at = seatOf(c, msg.roomId);
    if (!at) return error(c, msg.roomId, 'NOT_IN_ROOM');
    if (!at.seat.host) return error(c, msg.roomId, 'NOT_HOST');
    const target = at.r.seats.get(msg.participantId);
    if (!target) return error(c, msg.roomId, 'NOT_IN_ROOM');
    const entity = {
      entityType: at.r.kind === 'visit' ? 'visit' : 'consult_session',
      entityId: at.r.sessionId,
      details: { userId: target.userId },
    };
    if (msg.type === 'room.mute') {
      target.send?.({ type: 'room.mute_requested', roomId: msg.roomId });
      // Through the bridge the mute is enforced, until they unmute themselves.
      if (at.r.media === 'sfu' && sfu) {
        target.mutedByHost = true;
        await sfu.mute(at.r.roomId, target.participantId, true).catch(() => undefined);
      }
      return;
    }
    if (msg.type === 'room.admit') {
      target.status = 'admitted';
      await markAdmitted(at.r, target, null);
      await audit.record(c.meta, { action: 'room.admit', outcome: 'success', ...entity });
    } else if (msg.type === 'room.send_to_lobby') {
      target.status = 'lobby';
      target.recordingConsent = null;
      await markLeft(target);
      await dropMedia(at.r, target);
      clearAnnotations(at.r, target);
      await audit.record(c.meta, { action: 'room.send_to_lobby', outcome: 'success', ...entity });
    } else {
      at.r.removedUsers.add(target.userId);
      target.send?.({ type: 'room.removed', roomId: msg.roomId });
      await audit.record(c.meta, { action: 'room.remove', outcome: 'success', ...entity });
      closeSeat(at.r, target);
      return;
    }
    broadcast(at.r);
    if (at.r.recording.state !== 'off') broadcastRecording(at.r);
  }

  /** Drawing on a procedure stream: from anyone admitted; undo by its author; clear by a host or the streaming site. */
  function annotate(c: Connection, msg: Extract<RoomMessage, { type: 'room.annotate' }>) {
    const at = seatOf(c, msg.roomId);
    if (!at || at.seat.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
    const target = at.r.seats.get(msg.target);
    if (!target || target.status !== 'admitted' || !target.procedure) return error(c, msg.roomId, 'NOT_PROCEDURE');
    const r = at.r;
    const from = at.seat.participantId;
    const a = msg.action;
    if (a.kind === 'stroke') {
      r.annotations = r.annotations.filter((x) => !(x.target === target.participantId && x.stroke.id === a.stroke.id));
      r.annotations.push({ target: target.participantId, from, stroke: a.stroke });
      const mine = r.annotations.filter((x) => x.target === target.participantId);
      if (mine.length > MAX_STROKES_PER_TARGET) {
        const oldest = mine[0]!;
        r.annotations = r.annotations.filter((x) => x !== oldest);
      }
    } else if (a.kind === 'undo') {
      const before = r.annotations.length;
      r.annotations = r.annotations.filter((x) => !(x.target === target.participantId && x.from === from && x.stroke.id === a.strokeId));
      if (r.annotations.length === before) return;
    } else {
      if (!at.seat.host && from !== target.participantId) return error(c, msg.roomId, 'NOT_HOST');
      r.annotations = r.annotations.filter((x) => x.target !== target.participantId);
    }
    const out = { type: 'room.annotation' as const, roomId: r.roomId, target: target.participantId, from, action: a };
    for (const s of admitted(r)) s.send?.(out);
  }

  return {
    /** A message from the media plane to one participant (wherever their socket is now). */
    deliver(roomId: string, participantId: string, msg: ServerMessage): void {
      rooms.get(roomId)?.seats.get(participantId)?.send?.(msg);
    },

    /** Handles one `room.*` message from a socket. */
    async handle(c: Connection, msg: RoomMessage): Promise<void> {
      switch (msg.type) {
        case 'room.join':
          return join(c, msg.roomId);
        case 'room.leave': {
          const at = seatOf(c, msg.roomId);
          if (at) {
            await audit.record(c.meta, {
              action: 'room.leave',
              outcome: 'success',
              entityType: at.r.kind === 'visit' ? 'visit' : 'consult_session',
              entityId: at.r.sessionId,
            });
            closeSeat(at.r, at.seat);
          }
          return;
        }
        case 'room.signal': {
          const at = seatOf(c, msg.roomId);
          if (!at) return error(c, msg.roomId, 'NOT_IN_ROOM');
          const to = at.r.seats.get(msg.to);
          // Media flows only between admitted people: a guest in the lobby can neither send nor receive it.
          if (at.seat.status !== 'admitted' || !to || to.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
          to.send?.({ type: 'room.signal', roomId: msg.roomId, from: at.seat.participantId, data: msg.data });
          return;
        }
        case 'room.sfu': {
          const at = seatOf(c, msg.roomId);
          // Only admitted people reach the media server; a guest in the lobby has no link at all.
          if (!at || at.seat.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
          if (at.r.media !== 'sfu' || !sfu) return error(c, msg.roomId, 'MEDIA_UNAVAILABLE');
          const who = { participantId: at.seat.participantId, name: at.seat.name, mode: at.seat.mode, priority: priorityOf(at.seat) };
          try {
            await sfu.signal(at.r.roomId, who, msg.link, msg.data);
          } catch (err) {
            log.warn({ err: (err as Error).message }, 'media server refused a step');
            error(c, msg.roomId, 'MEDIA_UNAVAILABLE');
          }
          return;
        }
        case 'room.annotate':
          return annotate(c, msg);
        case 'room.record':
        case 'room.recording_consent':
          return recording.handle(c, msg);
        case 'room.chat':
        case 'room.hand':
        case 'room.media':
          return participantAction(c, msg);
        default:
          return hostAction(c, msg);
      }
    },

    /** The socket closed: keep its seats for the grace period, then free them. */
    disconnected(connectionId: string): void {
      for (const r of rooms.values()) {
        for (const seat of r.seats.values()) {
          if (seat.connectionId !== connectionId) continue;
          seat.connectionId = null;
          seat.send = null;
          seat.droppedAt = clock.now();
          const timer = setTimeout(() => {
            if (seat.droppedAt !== null && r.seats.get(seat.participantId) === seat) closeSeat(r, seat);
          }, graceMs);
          timer.unref();
        }
      }
    },

    /** For tests and the bench: the Janus rooms behind a room (null without Janus or before the first media). */
    janus: (roomId: string) => sfu?.janusRooms(roomId) ?? null,

    /** For tests and the session page: who is in a room now. */
    participants: (roomId: string): RoomParticipant[] => {
      const r = rooms.get(roomId);
      return r ? present(r).map(view) : [];
    },
  };
}
export type Rooms = ReturnType<typeof createRooms>;
