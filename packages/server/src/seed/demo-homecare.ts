import type { Queryable } from '../db/db.js';
import { planSlots } from '../features/homecare/slot-plan.js';

// Demo data for patients at home (issue 6): Bạch Mai offers a remote cardiology visit with a fee, is paid by VietQR
// into a demo account, has a (demo) facility code for prescriptions, and PGS.TS. Trần Văn Minh publishes visit hours
// for the next fortnight; a walk-in virtual clinic is open with him and TS. Phạm Thu Hà on duty. The facility code
// and the bank account are DEMO values, not the hospital's.
export async function seedDemoHomecare(q: Queryable, ids: Map<string, string>, now: number): Promise<void> {
  const bachMai = ids.get('BV-BACHMAI');
  if (!bachMai) return;
  await q.query(`UPDATE facility SET kcb_code = 'VXD01' WHERE id = $1`, [bachMai]);
  await q.query(
    `INSERT INTO facility_bank_account (facility_id, bank_bin, account_no, account_name) VALUES ($1, '970418', '9704180000123', 'VUON XA DEMO')`,
    [bachMai],
  );
  const { rows: svc } = await q.query<{ id: string }>(
    `INSERT INTO visit_service (facility_id, name, specialty, duration_minutes, fee_vnd, insurance_covered)
     VALUES ($1, 'Khám tim mạch từ xa (tăng huyết áp, suy tĩnh mạch)', 'cardiology', 20, 150000, true) RETURNING id`,
    [bachMai],
  );
  const serviceId = svc[0]!.id;
  const { rows: docs } = await q.query<{ id: string; email: string; user_id: string }>(
    `SELECT p.id, u.email, u.id AS user_id FROM practitioner p JOIN app_user u ON u.id = p.user_id WHERE u.email IN ('bs.minh@vuonxa.vn', 'bs.ha@vuonxa.vn')`,
  );
  const minh = docs.find((d) => d.email === 'bs.minh@vuonxa.vn');
  if (!minh) return;
  const day = (offset: number) => new Date(now + offset * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  const rule = {
    from: day(0),
    to: day(14),
    weekdays: [1, 2, 3, 4, 5, 6],
    startTime: '07:30',
    endTime: '21:00',
    slotMinutes: 20,
    bufferMinutes: 10,
    maxPerDay: 12,
    cancelCutoffHours: 2,
  };
  const { rows: sch } = await q.query<{ id: string }>(
    `INSERT INTO visit_schedule (practitioner_id, facility_id, service_id, rule, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [minh.id, bachMai, serviceId, JSON.stringify({ ...rule, serviceId }), minh.user_id],
  );
  const { slots } = planSlots(rule, new Set(), now);
  await q.query(
    `INSERT INTO visit_slot (schedule_id, practitioner_id, facility_id, service_id, starts_at, ends_at, cancel_cutoff_hours)
     SELECT $1, $2, $3, $4, t.s, t.e, $7 FROM unnest($5::timestamptz[], $6::timestamptz[]) AS t(s, e) ON CONFLICT DO NOTHING`,
    [sch[0]!.id, minh.id, bachMai, serviceId, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt), rule.cancelCutoffHours],
  );
  await q.query(`INSERT INTO walk_in (facility_id, service_id, practitioner_ids, opened_by) VALUES ($1, $2, $3, $4)`, [
    bachMai,
    serviceId,
    docs.map((d) => d.id),
    minh.user_id,
  ]);
}
