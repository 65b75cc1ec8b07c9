import type { Role, UserListQuery, UserSummary } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

interface Row {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  locked_until: Date | null;
  totp_enabled: boolean;
  last_login_at: Date | null;
  roles: { facilityId: string | null; role: Role }[];
}

const SELECT = `SELECT u.id, u.display_name, u.email, u.phone, u.active, u.locked_until, u.totp_enabled, u.last_login_at,
  coalesce((SELECT json_agg(json_build_object('facilityId', m.facility_id, 'role', m.role) ORDER BY m.granted_at)
              FROM membership m WHERE m.user_id = u.id), '[]') AS roles
  FROM app_user u`;

function toSummary(r: Row, now: number): UserSummary {
  return {
    id: r.id,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    active: r.active,
    lockedUntil: r.locked_until && r.locked_until.getTime() > now ? r.locked_until.toISOString() : null,
    totpEnabled: r.totp_enabled,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    roles: r.roles,
  };
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}
function decodeCursor(c: string): [string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

export const usersRepo = {
  /** Users holding a role at one of `facilities` ('all': every user), ordered by name, keyset-paginated. */
  async list(q: Queryable, facilities: 'all' | string[], query: UserListQuery, now: number) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (facilities !== 'all') {
      params.push(facilities);
      where.push(`EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.facility_id = ANY($${params.length}::uuid[]))`);
    }
    if (query.q) {
      params.push(`%${query.q.toLowerCase()}%`);
      where.push(
        `(lower(u.display_name) LIKE $${params.length} OR lower(u.email) LIKE $${params.length} OR u.phone LIKE $${params.length})`,
      );
    }
    const cur = query.cursor ? decodeCursor(query.cursor) : null;
    if (cur) {
      params.push(cur[0], cur[1]);
      where.push(`(u.display_name, u.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const { rows } = await q.query<Row>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.display_name, u.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toSummary(r, now)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.display_name, last.id) : null,
    };
  },

  async get(q: Queryable, id: string, now: number): Promise<UserSummary | null> {
    const { rows } = await q.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
    return rows[0] ? toSummary(rows[0], now) : null;
  },

  async existing(q: Queryable, email: string | undefined, phone: string | undefined): Promise<'email' | 'phone' | null> {
    const { rows } = await q.query<{ email_taken: boolean; phone_taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM app_user WHERE $1::text IS NOT NULL AND lower(email) = lower($1)) AS email_taken,
              EXISTS (SELECT 1 FROM app_user WHERE $2::text IS NOT NULL AND phone = $2) AS phone_taken`,
      [email ?? null, phone ?? null],
    );
    if (rows[0]?.email_taken) return 'email';
    if (rows[0]?.phone_taken) return 'phone';
    return null;
  },

  async insert(
    q: Queryable,
    u: { displayName: string; email?: string; phone?: string; passwordHash: string; locale: string },
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      'INSERT INTO app_user (display_name, email, phone, password_hash, locale) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [u.displayName, u.email ?? null, u.phone ?? null, u.passwordHash, u.locale],
    );
    return rows[0]!.id;
  },

  /** Grants a role; returns false when the user already held it there. */
  async grant(q: Queryable, userId: string, facilityId: string | null, role: Role, grantedBy: string): Promise<boolean> {
    const { rowCount } = await q.query(
      `INSERT INTO membership (user_id, facility_id, role, granted_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [userId, facilityId, role, grantedBy],
    );
    return rowCount === 1;
  },

  async revoke(q: Queryable, userId: string, facilityId: string | null, role: Role): Promise<boolean> {
    const { rowCount } = await q.query(
      `DELETE FROM membership WHERE user_id = $1 AND role = $3 AND facility_id IS NOT DISTINCT FROM $2::uuid`,
      [userId, facilityId, role],
    );
    return (rowCount ?? 0) > 0;
  },

  async unlock(q: Queryable, userId: string): Promise<void> {
    await q.query('UPDATE app_user SET locked_until = now(), updated_at = now() WHERE id = $1', [userId]);
  },

  async facilityExists(q: Queryable, id: string): Promise<boolean> {
    const { rowCount } = await q.query('SELECT 1 FROM facility WHERE id = $1 AND active', [id]);
    return rowCount === 1;
  },
};
