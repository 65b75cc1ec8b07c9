import { can } from '@vuonxa/core';
import type { Db } from '../db/db.js';
import { consultScope } from '../features/consults/consult-access.js';
import type { Connection } from './rooms.js';

/** What a room is the room of: a consultation session, or a patient's visit at home. */
export interface SessionRow {
  /** A live consultation session, or a patient's visit at home (the doctor hosts, the patient's account is let in). */
  kind: 'session' | 'visit';
  patient_id: string | null;
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

/** Whether the room of `s` may be entered at `now`. */
export function isOpen(s: SessionRow, now: number): boolean {
  return (
    ['scheduled', 'live'].includes(s.state) &&
    now >= s.starts_at.getTime() - OPENS_BEFORE_MS &&
    now <= s.ends_at.getTime() + CLOSES_AFTER_MS
  );
}

/**
 * Who may enter a room: the session or visit behind a room id, and the part a signed-in user plays in it (host,
 * guest, or none). The rooms ask on every join; nothing here is cached, so a changed invitation counts at once.
 */
export function roomAccess(db: Db) {
  return {
    async sessionOf(roomId: string): Promise<SessionRow | null> {
      const { rows } = await db.query<SessionRow>(
        `SELECT 'session' AS kind, NULL AS patient_id, id, hub_facility_id, title, state, starts_at, ends_at, chair_user_id, secretary_user_id
         FROM consult_session WHERE room_id = $1
       UNION ALL
       SELECT 'visit', v.patient_id, v.id, v.facility_id, s.name, CASE WHEN v.state IN ('booked', 'waiting', 'in_progress') THEN 'live' ELSE 'ended' END,
              coalesce(v.starts_at, v.created_at), coalesce(v.ends_at, v.starts_at + interval '1 hour', now() + interval '1 hour'), pr.user_id, pr.user_id
         FROM visit v JOIN visit_service s ON s.id = v.service_id LEFT JOIN practitioner pr ON pr.id = v.practitioner_id
        WHERE v.room_id = $1`,
        [roomId],
      );
      return rows[0] ?? null;
    },

    /** Host, guest or nobody: the chair, secretary and hub coordinators host; invited people and sites are guests. */
    async partOf(c: Connection, s: SessionRow): Promise<'host' | 'guest' | null> {
      const userId = c.auth.user.id;
      if (s.kind === 'visit') {
        // The visit's doctor hosts; the account acting for the patient (the patient, a parent) waits to be let in.
        if (s.chair_user_id === userId && can(c.auth.principal, 'visit.conduct', s.hub_facility_id)) return 'host';
        const { rowCount } = await db.query('SELECT 1 FROM patient_account WHERE user_id = $1 AND patient_id = $2', [userId, s.patient_id]);
        return rowCount ? 'guest' : null;
      }
      if (s.chair_user_id === userId || s.secretary_user_id === userId || can(c.auth.principal, 'consult.triage', s.hub_facility_id))
        return 'host';
      const site = consultScope(userId, c.auth.principal).site;
      const { rowCount } = await db.query(
        `SELECT 1 FROM session_invite WHERE session_id = $1 AND (user_id = $2 OR facility_id = ANY($3::uuid[]))`,
        [s.id, userId, site === 'all' ? [] : site],
      );
      return rowCount ? 'guest' : null;
    },

    async facilityName(id: string | null): Promise<string | null> {
      if (!id) return null;
      const { rows } = await db.query<{ name: string }>('SELECT name FROM facility WHERE id = $1', [id]);
      return rows[0]?.name ?? null;
    },
  };
}
