import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { RequestMeta } from '../../http/context.js';
import type { PasswordHasher } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock, LoginOutcome } from '../auth/auth.service.js';
import type { SmsGateway } from './sms.js';

/** A code lives 5 minutes and allows 5 tries; a phone gets 5 codes and an address 20 in 15 minutes. */
export const OTP = { ttlSeconds: 300, maxTries: 5, perPhone: 5, perIp: 20, windowMinutes: 15 } as const;

/** +84 912 345 678, 84912345678 and 0912345678 are the same Vietnamese number: stored as 0912345678. */
export function normalizePhone(phone: string): string {
  const p = phone.replace(/[\s.-]/g, '');
  if (/^\+?84\d{9}$/.test(p)) return `0${p.replace(/^\+?84/, '')}`;
  return p;
}

const hashOf = (phone: string, code: string) => createHash('sha256').update(`vx-otp:${phone}:${code}`).digest('hex');

/**
 * Patients sign in (and register) with a one-time code sent to their phone. Only the code's hash is kept; codes
 * are single-use, short-lived and rate-limited per phone and per address. A new phone becomes a patient account
 * (role `patient`, no facility); a phone that belongs to staff is refused here (staff sign in with a password).
 */
export function createOtpService(deps: {
  db: Db;
  sms: SmsGateway;
  audit: AuditService;
  clock: Clock;
  hasher: PasswordHasher;
  openSession: (userId: string, m: RequestMeta) => Promise<LoginOutcome>;
}) {
  const { db, sms, audit, clock } = deps;
  return {
    async request(rawPhone: string, m: RequestMeta): Promise<{ expiresInSeconds: number; devInbox: boolean }> {
      const phone = normalizePhone(rawPhone);
      const { rows } = await db.query<{ phone_n: string; ip_n: string }>(
        `SELECT count(*) FILTER (WHERE phone = $1) AS phone_n, count(*) FILTER (WHERE ip = $2) AS ip_n
           FROM otp_code WHERE created_at > now() - make_interval(mins => $3)`,
        [phone, m.ip, OTP.windowMinutes],
      );
      if (Number(rows[0]!.phone_n) >= OTP.perPhone || (m.ip && Number(rows[0]!.ip_n) >= OTP.perIp)) {
        await audit.record(m, { action: 'auth.otp_request', outcome: 'denied', details: { reason: 'rate_limited' } });
        throw new AppError('AUTH_RATE_LIMITED', { details: { retryAfterSeconds: OTP.windowMinutes * 60 } });
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await db.query(
        `INSERT INTO otp_code (phone, code_hash, expires_at, ip) VALUES ($1, $2, to_timestamp($3 / 1000.0) + make_interval(secs => $4), $5)`,
        [phone, hashOf(phone, code), clock.now(), OTP.ttlSeconds, m.ip],
      );
      await sms.send(phone, `Vuon Xa: ma dang nhap cua ban la ${code} (hieu luc 5 phut). Khong chia se ma nay.`);
      await audit.record(m, { action: 'auth.otp_request', outcome: 'success' });
      return { expiresInSeconds: OTP.ttlSeconds, devInbox: sms.inbox() !== null };
    },

    async verify(rawPhone: string, code: string, m: RequestMeta): Promise<LoginOutcome & { isNew: boolean }> {
      const phone = normalizePhone(rawPhone);
      const { rows } = await db.query<{ id: string; code_hash: string; attempts: number }>(
        `SELECT id, code_hash, attempts FROM otp_code
          WHERE phone = $1 AND used_at IS NULL AND expires_at > to_timestamp($2 / 1000.0)
          ORDER BY created_at DESC LIMIT 1`,
        [phone, clock.now()],
      );
      const row = rows[0];
      const wrong = async (reason: string) => {
        await audit.record(m, { action: 'auth.login_failed', outcome: 'failure', details: { reason, otp: true } });
        return new AppError('AUTH_INVALID_CREDENTIALS');
      };
      if (!row || row.attempts >= OTP.maxTries) throw await wrong(row ? 'otp_tries' : 'otp_none');
      const ok = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), Buffer.from(hashOf(phone, code), 'hex'));
      if (!ok) {
        await db.query('UPDATE otp_code SET attempts = attempts + 1 WHERE id = $1', [row.id]);
        throw await wrong('otp_wrong');
      }
      // Single use, even if two requests race with the same code.
      const used = await db.query('UPDATE otp_code SET used_at = now() WHERE id = $1 AND used_at IS NULL', [row.id]);
      if (!used.rowCount) throw await wrong('otp_used');

      let isNew = false;
      const existing = await db.query<{ id: string }>('SELECT id FROM app_user WHERE phone = $1', [phone]);
      let userId = existing.rows[0]?.id;
      if (!userId) {
        // A new patient account: no password (sign-in is by code), the patient role network-wide.
        const unusable = await deps.hasher.hash(`otp-only:${phone}:${randomInt(0, 2 ** 47)}:${Date.now()}`);
        userId = await db.tx(async (q) => {
          const u = await q.query<{ id: string }>(
            `INSERT INTO app_user (display_name, phone, password_hash) VALUES ($1, $2, $3) RETURNING id`,
            [phone, phone, unusable],
          );
          await q.query(`INSERT INTO membership (user_id, facility_id, role) VALUES ($1, NULL, 'patient')`, [u.rows[0]!.id]);
          return u.rows[0]!.id;
        });
        isNew = true;
      }
      const out = await deps.openSession(userId, m);
      await audit.record(
        { ...m, actorUserId: userId },
        { action: 'auth.otp_login', outcome: 'success', entityType: 'user', entityId: userId, details: { isNew } },
      );
      return { ...out, isNew };
    },
  };
}
export type OtpService = ReturnType<typeof createOtpService>;
