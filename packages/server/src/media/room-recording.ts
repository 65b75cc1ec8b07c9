import type { RecordingStatus } from '@vuonxa/core';
import type { Db } from '../db/db.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { BlobStore } from '../lib/blob-store.js';
import { casesWithoutRecordingConsent, fileRecording } from './recordings.js';
import type { Connection, Room, RoomError, RoomMessage, Seat } from './rooms.js';
import type { Sfu } from './sfu.js';

/**
 * Recording with consent, in a room: a host asks, every admitted participant answers, the patients' consents are
 * checked; it starts only when all agree and stops when a host says so, someone arriving declines, or the room
 * empties. Janus records (the sound mix and each site's video); the server files the result with the session.
 */
export function createRoomRecording(deps: {
  db: Db;
  audit: AuditService;
  sfu: Sfu | null;
  store: BlobStore | undefined;
  log: { warn: (obj: object, msg: string) => void };
  retentionYears: number;
  admitted: (r: Room) => Seat[];
  broadcast: (r: Room) => void;
  error: (c: Connection, roomId: string, code: RoomError) => void;
  seatOf: (c: Connection, roomId: string) => { r: Room; seat: Seat } | null;
}) {
  const { db, audit, sfu, log, admitted, broadcast, error, seatOf } = deps;

  function status(r: Room): RecordingStatus {
    const asking = r.recording.state !== 'off';
    const people = asking ? admitted(r) : [];
    return {
      state: r.recording.state,
      pending: people.filter((s) => s.recordingConsent === null).map((s) => s.participantId),
      declined: people.filter((s) => s.recordingConsent === 'declined').map((s) => s.participantId),
      missingPatientConsent: asking ? r.recording.missing : [],
      startedAt: r.recording.startedAt,
    };
  }
  const broadcastRecording = (r: Room) => {
    const recording = status(r);
    const out = { type: 'room.recording' as const, roomId: r.roomId, recording };
    for (const s of r.seats.values()) s.send?.(out);
  };

  async function startRecording(c: Connection, r: Room, seat: Seat) {
    const current = status(r);
    r.recording.missing = await casesWithoutRecordingConsent(db, r.sessionId);
    if (
      r.recording.state !== 'asking' ||
      current.pending.length > 0 ||
      current.declined.length > 0 ||
      r.recording.missing.length > 0 ||
      !sfu ||
      r.media !== 'sfu'
    ) {
      broadcastRecording(r);
      return error(c, r.roomId, 'RECORDING_REFUSED');
    }
    const years = deps.retentionYears;
    const { rows } = await db.query<{ id: string; started_at: Date }>(
      `INSERT INTO session_recording (session_id, started_by, consented, retain_until)
     VALUES ($1, $2, $3, now() + make_interval(years => $4)) RETURNING id, started_at`,
      [r.sessionId, seat.userId, admitted(r).map((s) => s.userId), years],
    );
    const rec = rows[0]!;
    const dir = await sfu.setRecording(r.roomId, true, `mix-${rec.id}.wav`);
    if (!dir) {
      await db.query('UPDATE session_recording SET ended_at = now() WHERE id = $1', [rec.id]);
      return error(c, r.roomId, 'RECORDING_REFUSED');
    }
    r.recording = { state: 'on', startedAt: rec.started_at.toISOString(), id: rec.id, missing: [] };
    await audit.record(c.meta, {
      action: 'room.record_start',
      outcome: 'success',
      entityType: r.kind === 'visit' ? 'visit' : 'consult_session',
      entityId: r.sessionId,
      details: { recordingId: rec.id, participants: admitted(r).length },
    });
    broadcastRecording(r);
  }

  /** Stops Janus's recorders and files what they wrote with the session (in the background: files can be large). */
  async function stopRecording(r: Room, c: Connection | null) {
    const id = r.recording.id;
    r.recording = { state: 'off', startedAt: null, id: null, missing: [] };
    for (const s of r.seats.values()) s.recordingConsent = null;
    if (!id) return;
    await db.query('UPDATE session_recording SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [id]);
    if (c)
      await audit.record(c.meta, {
        action: 'room.record_stop',
        outcome: 'success',
        entityType: r.kind === 'visit' ? 'visit' : 'consult_session',
        entityId: r.sessionId,
        details: { recordingId: id },
      });
    if (!sfu) return;
    const feedNames = sfu.feedNames(r.roomId);
    const dir = await sfu.setRecording(r.roomId, false, `mix-${id}.wav`).catch(() => null);
    if (dir && deps.store) {
      const store = deps.store;
      // Janus closes its files as the request returns; a moment later they are complete.
      setTimeout(() => {
        void fileRecording({ db, store, log }, id, dir, `mix-${id}.wav`, feedNames).catch((err: unknown) =>
          log.warn({ err: (err as Error).message }, 'recording could not be filed'),
        );
      }, 500).unref();
    }
  }

  async function record(c: Connection, msg: Extract<RoomMessage, { type: 'room.record' | 'room.recording_consent' }>) {
    const at = seatOf(c, msg.roomId);
    if (!at || at.seat.status !== 'admitted') return error(c, msg.roomId, 'NOT_IN_ROOM');
    const { r, seat } = at;
    if (msg.type === 'room.recording_consent') {
      if (r.recording.state === 'off') return;
      seat.recordingConsent = msg.accept ? 'accepted' : 'declined';
      await db.query('INSERT INTO session_recording_answer (session_id, user_id, accepted) VALUES ($1, $2, $3)', [
        r.sessionId,
        seat.userId,
        msg.accept,
      ]);
      await audit.record(c.meta, {
        action: 'room.recording_consent',
        outcome: 'success',
        entityType: r.kind === 'visit' ? 'visit' : 'consult_session',
        entityId: r.sessionId,
        details: { accepted: msg.accept },
      });
      // The patient's consent may have been recorded meanwhile (on the session page): the hosts see it at once.
      if (r.recording.state === 'asking') r.recording.missing = await casesWithoutRecordingConsent(db, r.sessionId);
      // Someone who came in during the recording says no: it stops (nobody is recorded against their will).
      if (!msg.accept && r.recording.state === 'on') {
        await stopRecording(r, c);
        r.recording.state = 'off';
      }
      broadcast(r);
      broadcastRecording(r);
      return;
    }
    if (!seat.host) return error(c, msg.roomId, 'NOT_HOST');
    switch (msg.action) {
      case 'ask':
        if (r.media !== 'sfu' || !sfu || r.kind === 'visit') return error(c, msg.roomId, 'RECORDING_REFUSED');
        if (r.recording.state === 'on') return;
        for (const s of r.seats.values()) s.recordingConsent = null;
        r.recording = { state: 'asking', startedAt: null, id: null, missing: await casesWithoutRecordingConsent(db, r.sessionId) };
        broadcast(r);
        broadcastRecording(r);
        return;
      case 'start':
        return startRecording(c, r, seat);
      case 'stop':
        if (r.recording.state !== 'on') return;
        await stopRecording(r, c);
        broadcast(r);
        broadcastRecording(r);
        return;
      case 'cancel':
        if (r.recording.state !== 'asking') return;
        r.recording = { state: 'off', startedAt: null, id: null, missing: [] };
        for (const s of r.seats.values()) s.recordingConsent = null;
        broadcast(r);
        broadcastRecording(r);
        return;
    }
  }

  return {
    status,
    broadcast: broadcastRecording,
    stop: stopRecording,
    handle: record,
  };
}
