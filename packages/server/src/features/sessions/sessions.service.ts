import { randomBytes } from 'node:crypto';
import {
  AppError,
  can,
  fieldError,
  nextConsultState,
  scopeOf,
  type ConsultAction,
  type ConsultSession,
  type SessionInput,
} from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { consultScope } from '../consults/consult-access.js';
import { consultsRepo } from '../consults/consults.repo.js';
import { recipients, type Notice, type NotificationsService } from '../notifications/notifications.service.js';
import type { BlobStore } from '../../lib/blob-store.js';
import { sessionVisibleSql, sessionsRepo, type SessionRow } from './sessions.repo.js';

/**
 * Live multi-site sessions (phiên hội chẩn): scheduling, agenda, invitations, attendance and minutes. The video
 * room itself belongs to the live-video capability; the session carries its room id.
 */
export function createSessionsService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  notifications: NotificationsService;
  store?: BlobStore;
}) {
  const { db, audit, clock, notifications } = deps;

  const canManage = (auth: AuthContext, s: SessionRow) => can(auth.principal, 'consult.triage', s.hub_facility_id);
  const leads = (auth: AuthContext, s: SessionRow) =>
    canManage(auth, s) || s.chair_user_id === auth.user.id || s.secretary_user_id === auth.user.id;

  async function visible(auth: AuthContext, id: string, q: Queryable = db, forUpdate = false): Promise<SessionRow> {
    const s = await sessionsRepo.get(q, id, forUpdate);
    if (s) {
      const params: unknown[] = [id];
      const sql = sessionVisibleSql(
        params,
        auth.user.id,
        scopeOf(auth.principal, 'consult.triage'),
        consultScope(auth.user.id, auth.principal).site,
      );
      const { rowCount } = await q.query(`SELECT 1 FROM consult_session s WHERE s.id = $1 AND ${sql}`, params);
      if (rowCount) return s;
    }
    throw new AppError('NOT_FOUND', { details: { entity: 'session' } });
  }

  async function view(auth: AuthContext, s: SessionRow): Promise<ConsultSession> {
    const [agenda, invites, attendance] = await Promise.all([
      sessionsRepo.agenda(db, s.id),
      sessionsRepo.invites(db, s.id),
      sessionsRepo.attendance(db, s.id),
    ]);
    const site = consultScope(auth.user.id, auth.principal).site;
    const mine =
      invites.find((i) => i.user_id === auth.user.id) ??
      invites.find((i) => i.facility_id && (site === 'all' || site.includes(i.facility_id)));
    return {
      id: s.id,
      hub: { id: s.hub_facility_id, name: s.hub_name },
      title: s.title,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      state: s.state,
      chair: { id: s.chair_user_id, name: s.chair_name },
      secretary: { id: s.secretary_user_id, name: s.secretary_name },
      roomId: s.room_id,
      startedAt: s.started_at?.toISOString() ?? null,
      endedAt: s.ended_at?.toISOString() ?? null,
      minutes: s.minutes,
      agenda: agenda.map((a) => ({
        consultId: a.consult_id,
        ref: a.ref,
        ordinal: a.ordinal,
        state: a.state,
        urgency: a.urgency,
        specialty: a.specialty,
        requestingFacility: a.facility,
        discussedAt: a.discussed_at?.toISOString() ?? null,
        recordingConsent:
          a.consent_method && a.consent_by && a.consent_at
            ? {
                method: a.consent_method,
                recordedBy: { id: a.consent_by, name: a.consent_by_name ?? '' },
                recordedAt: a.consent_at.toISOString(),
              }
            : null,
      })),
      invites: invites.map((i) => ({
        id: i.id,
        kind: i.kind,
        user: i.user_id ? { id: i.user_id, name: i.user_name ?? '' } : null,
        facility: i.facility_id ? { id: i.facility_id, name: i.facility_name ?? '' } : null,
        response: i.response,
      })),
      attendance: attendance.map((a) => ({
        user: { id: a.user_id, name: a.name },
        facilityName: a.facility_name,
        joinedAt: a.joined_at.toISOString(),
        leftAt: a.left_at?.toISOString() ?? null,
      })),
      myInviteId: mine?.id ?? null,
      canManage: canManage(auth, s),
    };
  }

  /** Moves every agenda request that can take `action`; the others (already concluded, cancelled) stay as they are. */
  async function moveAgenda(q: Queryable, sessionId: string, action: ConsultAction, actorId: string) {
    for (const a of await sessionsRepo.agenda(q, sessionId)) {
      const c = await consultsRepo.get(q, a.consult_id, true);
      const to = c && nextConsultState(c.state, action);
      if (c && to) await consultsRepo.transition(q, c, to, actorId, action, {}, { sessionId });
    }
  }

  async function peopleOf(
    q: Queryable,
    sessionId: string,
    s: { chair_user_id: string; secretary_user_id: string; hub_facility_id: string },
  ) {
    const invites = await sessionsRepo.invites(q, sessionId);
    const agenda = await sessionsRepo.agenda(q, sessionId);
    const requesters: string[] = [];
    for (const a of agenda) {
      const c = await consultsRepo.get(q, a.consult_id);
      if (c) requesters.push(c.requester_user_id);
    }
    return [
      s.chair_user_id,
      s.secretary_user_id,
      ...invites.flatMap((i) => (i.user_id ? [i.user_id] : [])),
      ...(await recipients.hubCoordinators(q, s.hub_facility_id)),
      ...requesters,
    ];
  }

  async function change(
    auth: AuthContext,
    id: string,
    m: RequestMeta,
    fn: (q: Queryable, s: SessionRow) => Promise<Notice[] | void>,
  ): Promise<ConsultSession> {
    const notices = await db.tx(async (q) => {
      const s = await visible(auth, id, q, true);
      const out = (await fn(q, s)) ?? [];
      await audit.record(
        m,
        { action: 'session.update', outcome: 'success', entityType: 'consult_session', entityId: id, subjectFacilityId: s.hub_facility_id },
        q,
      );
      return out;
    });
    await notifications.notify(notices, auth.user.id);
    return view(auth, (await sessionsRepo.get(db, id))!);
  }

  const requireLead = (auth: AuthContext, s: SessionRow) => {
    if (!leads(auth, s)) throw new AppError('FORBIDDEN', { details: { permission: 'consult.triage' } });
  };
  const requireState = (s: SessionRow, ...states: SessionRow['state'][]) => {
    if (!states.includes(s.state))
      throw new AppError('INVALID_STATE', { message: `The session is ${s.state}`, details: { state: s.state } });
  };

  return {
    async create(auth: AuthContext, input: SessionInput, m: RequestMeta): Promise<ConsultSession> {
      assertCan(auth.principal, 'consult.triage', input.hubFacilityId);
      const startsAt = new Date(input.startsAt);
      if (startsAt.getTime() < clock.now() - 15 * 60_000) throw fieldError('startsAt', 'must not be in the past', 'invalid');
      const { id, notices } = await db.tx(async (q) => {
        const people = [input.chairUserId, input.secretaryUserId, ...input.specialistIds];
        const staff = await sessionsRepo.staffUsers(q, people);
        if (!staff.has(input.chairUserId)) throw fieldError('chairUserId', 'must be a specialist or coordinator', 'invalid');
        if (!staff.has(input.secretaryUserId)) throw fieldError('secretaryUserId', 'must be a specialist or coordinator', 'invalid');
        input.specialistIds.forEach((u, i) => {
          if (!staff.has(u)) throw fieldError(`specialistIds.${i}`, 'must be a specialist or coordinator', 'invalid');
        });
        const sessionId = await sessionsRepo.insert(q, {
          hubId: input.hubFacilityId,
          title: input.title,
          startsAt,
          endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000),
          chairId: input.chairUserId,
          secretaryId: input.secretaryUserId,
          roomId: `vx-${randomBytes(9).toString('base64url')}`,
          createdBy: auth.user.id,
        });
        const consultIds = [...new Set(input.consultIds)];
        const sites = new Set(input.siteFacilityIds);
        for (const [i, cid] of consultIds.entries()) {
          const c = await consultsRepo.get(q, cid, true);
          if (!c || c.target_hub_id !== input.hubFacilityId || c.state === 'draft')
            throw fieldError(`consultIds.${i}`, 'not a request at this hub', 'not_found');
          if (!nextConsultState(c.state, 'schedule'))
            throw fieldError(`consultIds.${i}`, `a request in state ${c.state} cannot be scheduled`, 'invalid_state');
          await consultsRepo.transition(q, c, 'scheduled', auth.user.id, 'schedule', {}, { sessionId, startsAt: startsAt.toISOString() });
          sites.add(c.requesting_facility_id);
        }
        await sessionsRepo.addAgenda(q, sessionId, consultIds);
        await sessionsRepo.invite(
          q,
          sessionId,
          'specialist',
          [...new Set(input.specialistIds)].filter((u) => u !== input.chairUserId && u !== input.secretaryUserId),
        );
        await sessionsRepo.invite(q, sessionId, 'site', [...sites]);
        await audit.record(
          m,
          {
            action: 'session.create',
            outcome: 'success',
            entityType: 'consult_session',
            entityId: sessionId,
            subjectFacilityId: input.hubFacilityId,
            details: { agenda: consultIds.length },
          },
          q,
        );
        const who = await peopleOf(q, sessionId, {
          chair_user_id: input.chairUserId,
          secretary_user_id: input.secretaryUserId,
          hub_facility_id: input.hubFacilityId,
        });
        return { id: sessionId, notices: [{ userIds: who, kind: 'session.invited' as const, sessionId, ref: startsAt.toISOString() }] };
      });
      await notifications.notify(notices, auth.user.id);
      return view(auth, (await sessionsRepo.get(db, id))!);
    },

    /** The patient agreed to the recording of their case's discussion: by the requesting site's staff or a host. */
    async recordingConsent(auth: AuthContext, id: string, consultId: string, method: 'written' | 'verbal', m: RequestMeta) {
      const s = await visible(auth, id);
      const item = (await sessionsRepo.agenda(db, id)).find((a) => a.consult_id === consultId);
      if (!item) throw new AppError('NOT_FOUND', { details: { entity: 'agenda item' } });
      if (!leads(auth, s) && !can(auth.principal, 'consult.create', item.requesting_facility_id))
        throw new AppError('FORBIDDEN', { details: { permission: 'consult.create' } });
      if (item.consent_method) throw new AppError('CONFLICT', { details: { reason: 'consent already recorded' } });
      const { rows } = await db.query<{ recorded_at: Date }>(
        `INSERT INTO session_recording_consent (session_id, consult_id, method, recorded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING recorded_at`,
        [id, consultId, method, auth.user.id],
      );
      if (!rows[0]) throw new AppError('CONFLICT', { details: { reason: 'consent already recorded' } });
      await audit.record(m, {
        action: 'recording.patient_consent',
        outcome: 'success',
        entityType: 'consult_request',
        entityId: consultId,
        subjectFacilityId: item.requesting_facility_id,
        details: { sessionId: id, method },
      });
      return {
        consultId,
        method,
        recordedBy: { id: auth.user.id, name: auth.user.displayName },
        recordedAt: rows[0].recorded_at.toISOString(),
      };
    },

    /** The session's recordings, for those who may see the session. */
    async recordings(auth: AuthContext, id: string, m: RequestMeta) {
      const s = await visible(auth, id);
      const { rows } = await db.query<{
        id: string;
        started_at: Date;
        ended_at: Date | null;
        started_by: string;
        name: string;
        files: { id: string; kind: 'audio' | 'video'; label: string; content_type: string; bytes: string }[];
      }>(
        `SELECT r.id, r.started_at, r.ended_at, r.started_by, u.display_name AS name,
                COALESCE((SELECT json_agg(json_build_object('id', f.id, 'kind', f.kind, 'label', f.label, 'content_type', f.content_type,
                  'bytes', f.bytes) ORDER BY f.kind, f.label) FROM session_recording_file f WHERE f.recording_id = r.id), '[]') AS files
           FROM session_recording r JOIN app_user u ON u.id = r.started_by
          WHERE r.session_id = $1 ORDER BY r.started_at`,
        [id],
      );
      await audit.record(m, {
        action: 'recording.read',
        outcome: 'success',
        entityType: 'consult_session',
        entityId: id,
        subjectFacilityId: s.hub_facility_id,
        details: { list: true },
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          startedAt: r.started_at.toISOString(),
          endedAt: r.ended_at?.toISOString() ?? null,
          startedBy: { id: r.started_by, name: r.name },
          files: r.files.map((f) => ({ id: f.id, kind: f.kind, label: f.label, contentType: f.content_type, bytes: Number(f.bytes) })),
        })),
      };
    },

    /** One recorded file (played or downloaded): every read is audited. */
    async recordingFile(auth: AuthContext, id: string, recordingId: string, fileId: string, m: RequestMeta) {
      const s = await visible(auth, id);
      const { rows } = await db.query<{ content_type: string; bytes: string; storage_key: string; kind: string }>(
        `SELECT f.content_type, f.bytes, f.storage_key, f.kind FROM session_recording_file f JOIN session_recording r ON r.id = f.recording_id
          WHERE f.id = $1 AND r.id = $2 AND r.session_id = $3`,
        [fileId, recordingId, id],
      );
      const f = rows[0];
      if (!f || !deps.store) throw new AppError('NOT_FOUND', { details: { entity: 'recording file' } });
      await audit.record(m, {
        action: 'recording.read',
        outcome: 'success',
        entityType: 'consult_session',
        entityId: id,
        subjectFacilityId: s.hub_facility_id,
        details: { recordingId, fileId },
      });
      return { stream: deps.store.open(f.storage_key), contentType: f.content_type, bytes: Number(f.bytes), kind: f.kind };
    },

    async get(auth: AuthContext, id: string, m: RequestMeta): Promise<ConsultSession> {
      const s = await visible(auth, id);
      await audit.record(m, {
        action: 'session.read',
        outcome: 'success',
        entityType: 'consult_session',
        entityId: id,
        subjectFacilityId: s.hub_facility_id,
      });
      return view(auth, s);
    },

    async list(auth: AuthContext, o: { from?: string | undefined; to?: string | undefined; limit: number }) {
      const params: unknown[] = [];
      const where = [
        sessionVisibleSql(params, auth.user.id, scopeOf(auth.principal, 'consult.triage'), consultScope(auth.user.id, auth.principal).site),
      ];
      if (o.from) where.push(`s.ends_at >= $${params.push(o.from)}`);
      if (o.to) where.push(`s.starts_at < $${params.push(o.to)}`);
      const rows = await sessionsRepo.list(db, where.join(' AND '), params, o.limit);
      return rows.map((s) => ({
        id: s.id,
        hub: { id: s.hub_facility_id, name: s.hub_name },
        title: s.title,
        startsAt: s.starts_at.toISOString(),
        endsAt: s.ends_at.toISOString(),
        state: s.state,
        chair: { id: s.chair_user_id, name: s.chair_name },
        agendaCount: Number(s.agenda_count),
      }));
    },

    start: (auth: AuthContext, id: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        requireLead(auth, s);
        requireState(s, 'scheduled');
        await q.query(`UPDATE consult_session SET state = 'live', started_at = now() WHERE id = $1`, [id]);
        await moveAgenda(q, id, 'start_session', auth.user.id);
        return [{ userIds: await peopleOf(q, id, s), kind: 'session.started', sessionId: id, ref: s.starts_at.toISOString() }];
      }),

    end: (auth: AuthContext, id: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        requireLead(auth, s);
        requireState(s, 'live');
        await q.query(`UPDATE consult_session SET state = 'ended', ended_at = now() WHERE id = $1`, [id]);
        await q.query('UPDATE session_attendance SET left_at = now() WHERE session_id = $1 AND left_at IS NULL', [id]);
      }),

    cancel: (auth: AuthContext, id: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        if (!canManage(auth, s)) throw new AppError('FORBIDDEN', { details: { permission: 'consult.triage' } });
        requireState(s, 'scheduled');
        await q.query(`UPDATE consult_session SET state = 'cancelled' WHERE id = $1`, [id]);
        await moveAgenda(q, id, 'unschedule', auth.user.id);
      }),

    join: (auth: AuthContext, id: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        requireState(s, 'scheduled', 'live');
        await q.query('UPDATE session_attendance SET left_at = now() WHERE session_id = $1 AND user_id = $2 AND left_at IS NULL', [
          id,
          auth.user.id,
        ]);
        await q.query('INSERT INTO session_attendance (session_id, user_id, facility_id) VALUES ($1, $2, $3)', [
          id,
          auth.user.id,
          auth.activeFacilityId,
        ]);
      }),

    leave: (auth: AuthContext, id: string, m: RequestMeta) =>
      change(auth, id, m, async (q) => {
        await q.query('UPDATE session_attendance SET left_at = now() WHERE session_id = $1 AND user_id = $2 AND left_at IS NULL', [
          id,
          auth.user.id,
        ]);
      }),

    respond: (auth: AuthContext, id: string, inviteId: string, response: 'accepted' | 'declined', m: RequestMeta) =>
      change(auth, id, m, async (q) => {
        const site = consultScope(auth.user.id, auth.principal).site;
        const { rowCount } = await q.query(
          `UPDATE session_invite SET response = $3, responded_at = now()
            WHERE id = $1 AND session_id = $2 AND (user_id = $4 OR facility_id = ANY($5::uuid[]))`,
          [inviteId, id, response, auth.user.id, site === 'all' ? [] : site],
        );
        if (!rowCount) throw new AppError('NOT_FOUND', { details: { entity: 'invite' } });
      }),

    minutes: (auth: AuthContext, id: string, minutes: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        if (s.chair_user_id !== auth.user.id && s.secretary_user_id !== auth.user.id)
          throw new AppError('FORBIDDEN', { details: { role: 'secretary' } });
        requireState(s, 'live', 'ended');
        await q.query('UPDATE consult_session SET minutes = $2 WHERE id = $1', [id, minutes]);
      }),

    discussed: (auth: AuthContext, id: string, consultId: string, m: RequestMeta) =>
      change(auth, id, m, async (q, s) => {
        requireLead(auth, s);
        requireState(s, 'live');
        const { rowCount } = await q.query('UPDATE session_agenda SET discussed_at = now() WHERE session_id = $1 AND consult_id = $2', [
          id,
          consultId,
        ]);
        if (!rowCount) throw fieldError('consultId', 'not on this agenda', 'not_found');
      }),
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
