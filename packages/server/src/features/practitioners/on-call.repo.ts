import type { OnCallShift, OnCallShiftInput } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

const SELECT = `SELECT o.id, o.practitioner_id AS "practitionerId", p.full_name AS "practitionerName", o.facility_id AS "facilityId",
  f.name AS "facilityName", o.specialty, to_json(o.starts_at) #>> '{}' AS "startsAt", to_json(o.ends_at) #>> '{}' AS "endsAt"
  FROM on_call_shift o JOIN practitioner p ON p.id = o.practitioner_id JOIN facility f ON f.id = o.facility_id`;

export const ON_CALL_LIST_MAX = 200;

export const onCallRepo = {
  /** Shifts covering `at` (default now), optionally for one facility and one specialty. */
  async covering(q: Queryable, f: { facilityId?: string; specialty?: string; at?: string }): Promise<OnCallShift[]> {
    const { rows } = await q.query<OnCallShift>(
      `${SELECT} WHERE o.ends_at > coalesce($3::timestamptz, now()) AND o.starts_at <= coalesce($3::timestamptz, now())
          AND ($1::uuid IS NULL OR o.facility_id = $1) AND ($2::text IS NULL OR o.specialty = $2)
        ORDER BY f.name, o.specialty, p.full_name LIMIT ${ON_CALL_LIST_MAX}`,
      [f.facilityId ?? null, f.specialty ?? null, f.at ?? null],
    );
    return rows;
  },

  async get(q: Queryable, id: string): Promise<OnCallShift | null> {
    const { rows } = await q.query<OnCallShift>(`${SELECT} WHERE o.id = $1`, [id]);
    return rows[0] ?? null;
  },

  async insert(q: Queryable, s: OnCallShiftInput, createdBy: string): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO on_call_shift (practitioner_id, facility_id, specialty, starts_at, ends_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.practitionerId, s.facilityId, s.specialty, s.startsAt, s.endsAt, createdBy],
    );
    return rows[0]!.id;
  },
};
