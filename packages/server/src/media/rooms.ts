import { randomBytes } from 'node:crypto';
import { can, type ClientMessage, type RoomParticipant, type ServerMessage } from '@vuonxa/core';
import type { Db } from '../db/db.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { Clock } from '../features/auth/auth.service.js';
import { consultScope } from '../features/consults/consult-access.js';
import type { AuthContext, RequestMeta } from '../http/context.js';
import { turnCredentials } from './turn.js';

type RoomMessage = Extract<ClientMessage, { type: `room.${string}` }>;
type RoomError = Extract<ServerMessage, { type: 'room.error' }>['code'];

/** One socket of a signed-in user, as the realtime route sees it. */
export interface Connection {
  id: string;
  auth: AuthContext;
  meta: RequestMeta;
  send: (msg: ServerMessage) => void;
}

interface Seat extends RoomParticipant {
  connectionId: string | null;
  send: ((msg: ServerMessage) => void) | null;
  attendanceId: string | null;
  /** When the socket dropped; the seat is kept for `graceMs` so a reconnect finds it. */
  droppedAt: number | null;
}

interface Room {
  roomId: string;
  sessionId: string;
  hubId: string;
  title: string;
  seats: Map<string, Seat>;
  removedUsers: Set<string>;
}

interface SessionRow {
  id: string;
  hub_facility_id: string;
  title: string;
  state: string;
  starts_at: Date;
  ends_at: Date;
  chair_user_id: string;
  secretary_user_id: string;
}

/** A room opens 30 minutes before its session and stays open 2 hours after the planned end. */
const OPENS_BEFORE_MS = 30 * 60_000;
const CLOSES_AFTER_MS = 2 * 3_600_000;

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
}) {
  const { db, audit, clock } = deps;
  const graceMs = deps.graceMs ?? 60_000;
  const rooms = new Map<string, Room>();

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
  });
  const present = (r: Room) => [...r.seats.values()].filter((s) => s.send !== null || s.droppedAt !== null);
  const broadcast = (r: Room) => {
    const participants = present(r).map(view);
    for (const s of r.seats.values()) s.send?.({ type: 'room.participants', roomId: r.roomId, participants });
  };
  const error = (c: Connection, roomId: string, code: RoomError) => c.send({ type: 'room.error', roomId, code });

  async function sessionOf(roomId: string): Promise<SessionRow | null> {
    const { rows } = await db.query<SessionRow>(
      `SELECT id, hub_facility_id, title, state, starts_at, ends_at, chair_user_id, secretary_user_id FROM consult_session WHERE room_id = $1`,
      [roomId],
    );
    return rows[0] ?? null;
  }

  /** Host, guest or nobody: the chair, secretary and hub coordinators host; invited people and sites are guests. */
  async function partOf(c: Connection, s: SessionRow): Promise<'host' | 'guest' | null> {
    const userId = c.auth.user.id;
    if (s.chair_user_id === userId || s.secretary_user_id === userId || can(c.auth.principal, 'consult.triage', s.hub_facility_id))
      return 'host';
    const site = consultScope(userId, c.auth.principal).site;
    const { rowCount } = await db.query(
      `SELECT 1 FROM session_invite WHERE session_id = $1 AND (user_id = $2 OR facility_id = ANY($3::uuid[]))`,
      [s.id, userId, site === 'all' ? [] : site],
    );
    return rowCount ? 'guest' : null;
  }

  async function facilityName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const { rows } = await db.query<{ name: string }>('SELECT name FROM facility WHERE id = $1', [id]);
    return rows[0]?.name ?? null;
  }

  async function chatOf(sessionId: string) {
    const { rows } = await db.query<{ id: string; user_id: string; name: string; text: string; at: Date }>(
      `SELECT * FROM (SELECT c.id, c.user_id, u.display_name AS name, c.text, c.at FROM session_chat c JOIN app_user u ON u.id = c.user_id
        WHERE c.session_id = $1 ORDER BY c.id DESC LIMIT 200) x ORDER BY id`,
      [sessionId],
    );
    return rows.map((m) => ({ id: m.id, userId: m.user_id, name: m.name, text: m.text, at: m.at.toISOString() }));
  }

  /** In-room messages from an admitted participant: chat (stored), raised hand, own media state. */
  async function participantAction(
    c: Connection,
    msg: Extract<RoomMessage, { type: 'room.chat' | 'room.hand' | 'room.media' }>,
  ): Promise<void> {
    const at = seatOf(c, msg.roomId);
    if (!at || at.seat.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
    if (msg.type === 'room.chat') {
      const { rows } = await db.query<{ id: string; at: Date }>(
        'INSERT INTO session_chat (session_id, user_id, text) VALUES ($1, $2, $3) RETURNING id, at',
        [at.r.sessionId, at.seat.userId, msg.text],
      );
      const message = { id: rows[0]!.id, userId: at.seat.userId, name: at.seat.name, text: msg.text, at: rows[0]!.at.toISOString() };
      for (const s of at.r.seats.values()) if (s.status === 'admitted') s.send?.({ type: 'room.chat', roomId: msg.roomId, message });
      return;
    }
    if (msg.type === 'room.hand') at.seat.handRaised = msg.raised;
    else Object.assign(at.seat, { audio: msg.audio, video: msg.video, mode: msg.mode });
    broadcast(at.r);
  }

  async function markAdmitted(r: Room, seat: Seat, c: Connection | null) {
    if (seat.attendanceId) return;
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
    if (r.seats.size === 0) rooms.delete(r.roomId);
    else broadcast(r);
  }

  async function join(c: Connection, roomId: string): Promise<void> {
    const s = await sessionOf(roomId);
    if (!s) return error(c, roomId, 'NOT_FOUND');
    const part = await partOf(c, s);
    if (!part) {
      await audit.record(c.meta, {
        action: 'access.denied',
        outcome: 'denied',
        entityType: 'consult_session',
        entityId: s.id,
        details: { room: true },
      });
      return error(c, roomId, 'FORBIDDEN');
    }
    const now = clock.now();
    const open =
      ['scheduled', 'live'].includes(s.state) &&
      now >= s.starts_at.getTime() - OPENS_BEFORE_MS &&
      now <= s.ends_at.getTime() + CLOSES_AFTER_MS;
    if (!open) return error(c, roomId, 'NOT_OPEN');
    let r = rooms.get(roomId);
    if (!r) {
      r = { roomId, sessionId: s.id, hubId: s.hub_facility_id, title: s.title, seats: new Map(), removedUsers: new Set() };
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
      }
      seat.connectionId = c.id;
      seat.send = c.send;
      seat.droppedAt = null;
    } else {
      seat = {
        participantId: randomBytes(9).toString('base64url'),
        userId: c.auth.user.id,
        name: c.auth.user.displayName,
        facilityName: await facilityName(c.auth.activeFacilityId),
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
      };
      r.seats.set(seat.participantId, seat);
      await audit.record(c.meta, {
        action: 'room.join',
        outcome: 'success',
        entityType: 'consult_session',
        entityId: s.id,
        details: { host: seat.host },
      });
    }
    if (seat.status === 'admitted') await markAdmitted(r, seat, c);
    const chat = await chatOf(r.sessionId);
    c.send({
      type: 'room.joined',
      roomId,
      you: view(seat),
      participants: present(r).map(view),
      title: r.title,
      iceServers: turnCredentials(deps.turn, c.auth.user.id, now),
      chat,
    });
    broadcast(r);
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
    const entity = { entityType: 'consult_session', entityId: at.r.sessionId, details: { userId: target.userId } };
    if (msg.type === 'room.mute') {
      target.send?.({ type: 'room.mute_requested', roomId: msg.roomId });
      return;
    }
    if (msg.type === 'room.admit') {
      target.status = 'admitted';
      await markAdmitted(at.r, target, null);
      await audit.record(c.meta, { action: 'room.admit', outcome: 'success', ...entity });
    } else if (msg.type === 'room.send_to_lobby') {
      target.status = 'lobby';
      await markLeft(target);
      await audit.record(c.meta, { action: 'room.send_to_lobby', outcome: 'success', ...entity });
    } else {
      at.r.removedUsers.add(target.userId);
      target.send?.({ type: 'room.removed', roomId: msg.roomId });
      await audit.record(c.meta, { action: 'room.remove', outcome: 'success', ...entity });
      closeSeat(at.r, target);
      return;
    }
    broadcast(at.r);
  }

  return {
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
              entityType: 'consult_session',
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

    /** For tests and the session page: who is in a room now. */
    participants: (roomId: string): RoomParticipant[] => {
      const r = rooms.get(roomId);
      return r ? present(r).map(view) : [];
    },
  };
}
export type Rooms = ReturnType<typeof createRooms>;
