import type { Locale, Membership, MembershipView, Role } from '@vuonxa/core';
import { prepared, type Queryable } from '../../db/db.js';
import type { MfaState } from '../../http/context.js';

export interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  locale: Locale;
  active: boolean;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_enabled: boolean;
  totp_last_step: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  mfa_state: MfaState;
  active_facility_id: string | null;
  last_seen_at: Date;
}

const USER_COLS = `id, display_name, email, phone, password_hash, locale, active, locked_until, totp_secret_enc,
  totp_pending_enc, totp_enabled, totp_last_step`;

/** A user's memberships at active facilities (network-wide roles have no facility), network-wide ones first. */
const MEMBERSHIPS_FROM = (userId: string) =>
  `FROM membership m LEFT JOIN facility f ON f.id = m.facility_id WHERE m.user_id = ${userId} AND (f.id IS NULL OR f.active)`;
const MEMBERSHIPS_ORDER = 'm.facility_id IS NOT NULL, m.granted_at, m.id';

// Run on every signed-in request: prepared (see `prepared`).
const LIVE_SESSION = prepared(`SELECT s.id, s.user_id, s.mfa_state, s.active_facility_id, s.last_seen_at,
              u.display_name, u.email, u.phone, u.locale, u.active, u.totp_enabled,
              (SELECT coalesce(json_agg(json_build_object('facilityId', m.facility_id, 'role', m.role, 'facilityCode', f.code,
                                                          'facilityName', f.name) ORDER BY ${MEMBERSHIPS_ORDER}), '[]')
                 ${MEMBERSHIPS_FROM('s.user_id')}) AS memberships
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2)`);
const TOUCH_SESSION = prepared('UPDATE user_session SET last_seen_at = now() WHERE id = $1');

/** A live session with what the request needs of its user: one statement for every signed-in request. */
export interface LiveSession {
  session: SessionRow;
  user: Pick<UserRow, 'id' | 'display_name' | 'email' | 'phone' | 'locale' | 'active' | 'totp_enabled'>;
  memberships: (Membership & MembershipView)[];
}

/** SQL for users, sessions and sign-in attempts. Every function takes the connection it runs on. */
export const authRepo = {
  async findByIdentifier(q: Queryable, identifier: string): Promise<UserRow | null> {
    const { rows } = await q.query<UserRow>(
      `SELECT ${USER_COLS} FROM app_user
        WHERE (strpos($1, '@') > 0 AND lower(email) = lower($1)) OR (strpos($1, '@') = 0 AND phone = $2)`,
      [identifier, identifier.replace(/[\s.-]/g, '')],
    );
    return rows[0] ?? null;
  },

  async findById(q: Queryable, id: string): Promise<UserRow | null> {
    const { rows } = await q.query<UserRow>(`SELECT ${USER_COLS} FROM app_user WHERE id = $1`, [id]);
    return rows[0] ?? null;
  },

  async memberships(q: Queryable, userId: string): Promise<(Membership & MembershipView)[]> {
    const { rows } = await q.query<{ facility_id: string | null; role: Role; code: string | null; name: string | null }>(
      `SELECT m.facility_id, m.role, f.code, f.name ${MEMBERSHIPS_FROM('$1')} ORDER BY ${MEMBERSHIPS_ORDER}`,
      [userId],
    );
    return rows.map((r) => ({ facilityId: r.facility_id, role: r.role, facilityCode: r.code, facilityName: r.name }));
  },

  async recordAttempt(q: Queryable, accountKey: string, ip: string | null, success: boolean): Promise<void> {
    await q.query('INSERT INTO login_attempt (account_key, ip, success) VALUES ($1, $2, $3)', [accountKey, ip, success]);
  },

  /** Failures for the account inside the window, not counting those before its last success or last lock. */
  async recentAccountFailures(q: Queryable, accountKey: string, windowMinutes: number, notBefore: Date | null): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_attempt
        WHERE account_key = $1 AND NOT success
          AND at > greatest(now() - make_interval(mins => $2), coalesce($3::timestamptz, '-infinity'),
                coalesce((SELECT max(at) FROM login_attempt WHERE account_key = $1 AND success), '-infinity'))`,
      [accountKey, windowMinutes, notBefore],
    );
    return rows[0]?.n ?? 0;
  },

  async recentIpFailures(q: Queryable, ip: string, windowMinutes: number): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_attempt
        WHERE ip = $1 AND NOT success AND at > now() - make_interval(mins => $2)`,
      [ip, windowMinutes],
    );
    return rows[0]?.n ?? 0;
  },

  async lock(q: Queryable, userId: string, minutes: number): Promise<Date> {
    const { rows } = await q.query<{ locked_until: Date }>(
      `UPDATE app_user SET locked_until = now() + make_interval(mins => $2), updated_at = now() WHERE id = $1
       RETURNING locked_until`,
      [userId, minutes],
    );
    return rows[0]!.locked_until;
  },

  async createSession(
    q: Queryable,
    s: { id: string; userId: string; mfaState: MfaState; activeFacilityId: string | null; ip: string | null; maxHours: number },
  ): Promise<void> {
    await q.query(
      `INSERT INTO user_session (id, user_id, mfa_state, active_facility_id, ip, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))`,
      [s.id, s.userId, s.mfaState, s.activeFacilityId, s.ip, s.maxHours],
    );
  },

  /** A live session: not revoked, not past its absolute expiry, used within the idle limit. */
  async findSession(q: Queryable, id: string, idleMinutes: number): Promise<SessionRow | null> {
    const { rows } = await q.query<SessionRow>(
      `SELECT id, user_id, mfa_state, active_facility_id, last_seen_at FROM user_session
        WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(mins => $2)`,
      [id, idleMinutes],
    );
    return rows[0] ?? null;
  },

  /**
   * `findSession`, the user (`findById`) and their `memberships` in one statement (one round trip instead of two on
   * every signed-in request, issue 7 B2).
   */
  async findLiveSession(q: Queryable, id: string, idleMinutes: number): Promise<LiveSession | null> {
    const { rows } = await q.query<SessionRow & Omit<LiveSession['user'], 'id'> & { memberships: (Membership & MembershipView)[] }>(
      LIVE_SESSION,
      [id, idleMinutes],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      session: {
        id: r.id,
        user_id: r.user_id,
        mfa_state: r.mfa_state,
        active_facility_id: r.active_facility_id,
        last_seen_at: r.last_seen_at,
      },
      user: {
        id: r.user_id,
        display_name: r.display_name,
        email: r.email,
        phone: r.phone,
        locale: r.locale,
        active: r.active,
        totp_enabled: r.totp_enabled,
      },
      memberships: r.memberships,
    };
  },

  async touchSession(q: Queryable, id: string): Promise<void> {
    await q.query(TOUCH_SESSION, [id]);
  },

  async updateSession(q: Queryable, id: string, patch: { mfaState?: MfaState; activeFacilityId?: string | null }): Promise<void> {
    await q.query(
      `UPDATE user_session SET mfa_state = coalesce($2, mfa_state),
         active_facility_id = CASE WHEN $3 THEN $4::uuid ELSE active_facility_id END WHERE id = $1`,
      [id, patch.mfaState ?? null, patch.activeFacilityId !== undefined, patch.activeFacilityId ?? null],
    );
  },

  async revokeSession(q: Queryable, id: string): Promise<void> {
    await q.query('UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  },

  async revokeOtherSessions(q: Queryable, userId: string, keepId: string): Promise<void> {
    await q.query('UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL', [userId, keepId]);
  },

  async markLogin(q: Queryable, userId: string): Promise<void> {
    await q.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [userId]);
  },

  async setTotp(
    q: Queryable,
    userId: string,
    patch: { secretEnc?: string | null; pendingEnc?: string | null; enabled?: boolean; lastStep?: bigint | null },
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [userId];
    const set = (col: string, v: unknown) => {
      params.push(v);
      sets.push(`${col} = $${params.length}`);
    };
    if (patch.secretEnc !== undefined) set('totp_secret_enc', patch.secretEnc);
    if (patch.pendingEnc !== undefined) set('totp_pending_enc', patch.pendingEnc);
    if (patch.enabled !== undefined) set('totp_enabled', patch.enabled);
    if (patch.lastStep !== undefined) set('totp_last_step', patch.lastStep === null ? null : patch.lastStep.toString());
    if (!sets.length) return;
    await q.query(`UPDATE app_user SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  },

  async setPassword(q: Queryable, userId: string, hash: string): Promise<void> {
    await q.query('UPDATE app_user SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [userId, hash]);
  },

  async setLocale(q: Queryable, userId: string, locale: Locale): Promise<void> {
    await q.query('UPDATE app_user SET locale = $2, updated_at = now() WHERE id = $1', [userId, locale]);
  },
};
export type AuthRepo = typeof authRepo;
