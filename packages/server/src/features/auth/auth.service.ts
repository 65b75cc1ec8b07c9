import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, checkPassword, type LoginRequest, type Role } from '@vuonxa/core';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import type { AuthContext, MfaState, RequestMeta } from '../../http/context.js';
import type { PasswordHasher } from '../../lib/passwords.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { newSessionToken } from '../../lib/tokens.js';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../lib/totp.js';
import type { AuditService } from '../audit/audit.service.js';
import { authRepo, type UserRow } from './auth.repo.js';

export interface Clock {
  now(): number;
}

export interface AuthServiceDeps {
  db: Db;
  config: Pick<Config, 'login' | 'sessionMaxHours' | 'totpRequiredRoles'>;
  hasher: PasswordHasher;
  box: SecretBox;
  audit: AuditService;
  clock: Clock;
}

export type LoginOutcome = { token: string; state: MfaState; userId: string };

/** Whether configuration makes two-factor sign-in mandatory for any of these roles. */
export function totpRequiredFor(roles: readonly Role[], required: readonly Role[]): boolean {
  return roles.some((r) => required.includes(r));
}

/** Sign-in, two-factor and password rules. Never sees the HTTP request; throws AppError. */
export function createAuthService(deps: AuthServiceDeps) {
  const { db, config, hasher, box, audit, clock } = deps;
  const lim = config.login;

  /** Counts a failure; locks the account when the limit is reached. Returns the lock time if it locked. */
  async function fail(m: RequestMeta, user: UserRow, reason: string): Promise<Date | null> {
    await authRepo.recordAttempt(db, user.id, m.ip, false);
    await audit.record(
      { ...m, actorUserId: user.id },
      { action: 'auth.login_failed', outcome: 'failure', entityType: 'user', entityId: user.id, details: { reason } },
    );
    const n = await authRepo.recentAccountFailures(db, user.id, lim.windowMinutes, user.locked_until);
    if (n < lim.maxFailuresPerAccount) return null;
    const until = await authRepo.lock(db, user.id, lim.lockMinutes);
    await audit.record(
      { ...m, actorUserId: user.id },
      { action: 'auth.account_locked', outcome: 'success', entityType: 'user', entityId: user.id, details: { failures: n } },
    );
    return until;
  }

  function lockedError(until: Date): AppError {
    return new AppError('AUTH_ACCOUNT_LOCKED', { details: { lockedUntil: until.toISOString() } });
  }

  async function openSession(m: RequestMeta, user: UserRow, state: MfaState): Promise<LoginOutcome> {
    const memberships = await authRepo.memberships(db, user.id);
    const firstFacility = memberships.find((x) => x.facilityId !== null)?.facilityId ?? null;
    const { token, id } = newSessionToken();
    await db.tx(async (q) => {
      await authRepo.createSession(q, {
        id,
        userId: user.id,
        mfaState: state,
        activeFacilityId: firstFacility,
        ip: m.ip,
        maxHours: config.sessionMaxHours,
      });
      if (state !== 'totp_pending') await authRepo.markLogin(q, user.id);
      await audit.record(
        { ...m, actorUserId: user.id, actingFacilityId: firstFacility },
        { action: 'auth.login', outcome: 'success', entityType: 'user', entityId: user.id, details: { mfa: state } },
        q,
      );
    });
    return { token, state, userId: user.id };
  }

  function secretOf(user: UserRow): string {
    if (!user.totp_secret_enc) throw new AppError('AUTH_TOTP_NOT_PENDING');
    return box.open(user.totp_secret_enc);
  }

  return {
    /**
     * Opens a session for a user whose identity another factor proved (a one-time code sent to their phone):
     * patients only (no staff role may skip password and two-factor sign-in).
     */
    async openVerifiedSession(userId: string, m: RequestMeta): Promise<LoginOutcome> {
      const user = await authRepo.findById(db, userId);
      if (!user || !user.active) throw new AppError('AUTH_ACCOUNT_DISABLED');
      const roles = (await authRepo.memberships(db, user.id)).map((x) => x.role);
      if (roles.some((r) => r !== 'patient')) throw new AppError('AUTH_INVALID_CREDENTIALS');
      await authRepo.recordAttempt(db, user.id, m.ip, true);
      return openSession(m, user, 'complete');
    },

    /**
     * Checks e-mail/phone and password. Rate-limited per address and per account; an account locks after
     * `maxFailuresPerAccount` failures in the window and says until when.
     */
    async login(input: LoginRequest, m: RequestMeta): Promise<LoginOutcome> {
      if (m.ip && (await authRepo.recentIpFailures(db, m.ip, lim.windowMinutes)) >= lim.maxFailuresPerIp) {
        await audit.record(m, { action: 'auth.login_failed', outcome: 'denied', details: { reason: 'ip_rate_limited' } });
        throw new AppError('AUTH_RATE_LIMITED', { details: { retryAfterSeconds: lim.windowMinutes * 60 } });
      }
      const user = await authRepo.findByIdentifier(db, input.identifier);
      if (!user) {
        await hasher.burn(input.password);
        // Unknown identifiers are counted under a hash, never stored in clear (they may be someone's phone).
        const key = `anon:${createHash('sha256').update(input.identifier.toLowerCase()).digest('hex')}`;
        await authRepo.recordAttempt(db, key, m.ip, false);
        await audit.record(m, { action: 'auth.login_failed', outcome: 'failure', details: { reason: 'unknown_account' } });
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      if (user.locked_until && user.locked_until.getTime() > clock.now()) {
        await hasher.burn(input.password);
        await audit.record(
          { ...m, actorUserId: user.id },
          { action: 'auth.login_failed', outcome: 'denied', entityType: 'user', entityId: user.id, details: { reason: 'locked' } },
        );
        throw lockedError(user.locked_until);
      }
      if (!(await hasher.verify(user.password_hash, input.password))) {
        const until = await fail(m, user, 'bad_password');
        if (until) throw lockedError(until);
        throw new AppError('AUTH_INVALID_CREDENTIALS');
      }
      if (!user.active) {
        await audit.record(
          { ...m, actorUserId: user.id },
          { action: 'auth.login_failed', outcome: 'denied', entityType: 'user', entityId: user.id, details: { reason: 'disabled' } },
        );
        throw new AppError('AUTH_ACCOUNT_DISABLED');
      }
      await authRepo.recordAttempt(db, user.id, m.ip, true);
      const roles = (await authRepo.memberships(db, user.id)).map((x) => x.role);
      const state: MfaState = user.totp_enabled
        ? 'totp_pending'
        : totpRequiredFor(roles, config.totpRequiredRoles)
          ? 'enrol_required'
          : 'complete';
      return openSession(m, user, state);
    },

    /** Second step of sign-in: a TOTP code for a session waiting for it. Wrong codes count as failures. */
    async verifyTotp(auth: AuthContext, code: string, m: RequestMeta): Promise<void> {
      if (auth.mfaState !== 'totp_pending') throw new AppError('AUTH_TOTP_NOT_PENDING');
      const user = await authRepo.findById(db, auth.user.id);
      if (!user) throw new AppError('AUTH_REQUIRED');
      if (user.locked_until && user.locked_until.getTime() > clock.now()) throw lockedError(user.locked_until);
      const step = verifyTotp(secretOf(user), code, clock.now(), user.totp_last_step === null ? null : BigInt(user.totp_last_step));
      if (step === null) {
        await audit.record(m, { action: 'auth.totp_failed', outcome: 'failure', entityType: 'user', entityId: user.id });
        const until = await fail(m, user, 'bad_totp');
        if (until) {
          await authRepo.revokeSession(db, auth.sessionId);
          throw lockedError(until);
        }
        throw new AppError('AUTH_TOTP_INVALID');
      }
      await db.tx(async (q) => {
        await authRepo.setTotp(q, user.id, { lastStep: step });
        await authRepo.updateSession(q, auth.sessionId, { mfaState: 'complete' });
        await authRepo.markLogin(q, user.id);
        await audit.record(m, { action: 'auth.totp_verified', outcome: 'success', entityType: 'user', entityId: user.id }, q);
      });
    },

    /** Starts TOTP enrolment: a new secret kept pending until a code from it is confirmed. */
    async enrolTotp(auth: AuthContext): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
      if (auth.user.totpEnabled) throw new AppError('AUTH_TOTP_ALREADY_ENABLED');
      const secret = newTotpSecret();
      await authRepo.setTotp(db, auth.user.id, { pendingEnc: box.seal(secret) });
      const uri = otpauthUri(secret, auth.user.email ?? auth.user.phone ?? auth.user.id);
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUri: uri, qrSvg };
    },

    async confirmTotp(auth: AuthContext, code: string, m: RequestMeta): Promise<void> {
      const user = await authRepo.findById(db, auth.user.id);
      if (!user?.totp_pending_enc) throw new AppError('AUTH_TOTP_NOT_PENDING');
      const step = verifyTotp(box.open(user.totp_pending_enc), code, clock.now(), null);
      if (step === null)
        throw new AppError('AUTH_TOTP_INVALID', { details: { issues: [{ field: 'code', message: 'Code does not match', code: 'totp' }] } });
      await db.tx(async (q) => {
        await authRepo.setTotp(q, user.id, { secretEnc: user.totp_pending_enc, pendingEnc: null, enabled: true, lastStep: step });
        if (auth.mfaState === 'enrol_required') await authRepo.updateSession(q, auth.sessionId, { mfaState: 'complete' });
        await authRepo.revokeOtherSessions(q, user.id, auth.sessionId);
        await audit.record(m, { action: 'auth.totp_enrolled', outcome: 'success', entityType: 'user', entityId: user.id }, q);
      });
    },

    async disableTotp(auth: AuthContext, code: string, m: RequestMeta): Promise<void> {
      const user = await authRepo.findById(db, auth.user.id);
      if (!user?.totp_enabled) throw new AppError('AUTH_TOTP_NOT_PENDING');
      if (
        totpRequiredFor(
          auth.principal.memberships.map((x) => x.role),
          config.totpRequiredRoles,
        )
      ) {
        throw new AppError('FORBIDDEN', {
          message: 'Two-factor sign-in is mandatory for your role',
          details: { reason: 'totp_mandatory' },
        });
      }
      const step = verifyTotp(secretOf(user), code, clock.now(), user.totp_last_step === null ? null : BigInt(user.totp_last_step));
      if (step === null) throw new AppError('AUTH_TOTP_INVALID');
      await db.tx(async (q) => {
        await authRepo.setTotp(q, user.id, { secretEnc: null, pendingEnc: null, enabled: false, lastStep: null });
        await audit.record(m, { action: 'auth.totp_disabled', outcome: 'success', entityType: 'user', entityId: user.id }, q);
      });
    },

    /** Changes the password after checking the current one and the policy; other sessions are signed out. */
    async changePassword(auth: AuthContext, current: string, next: string, m: RequestMeta): Promise<void> {
      const user = await authRepo.findById(db, auth.user.id);
      if (!user || !(await hasher.verify(user.password_hash, current))) {
        throw new AppError('AUTH_INVALID_CREDENTIALS', {
          details: { issues: [{ field: 'currentPassword', message: 'Wrong password', code: 'mismatch' }] },
        });
      }
      const problems = checkPassword(
        next,
        [user.email, user.phone].filter((x): x is string => x !== null),
      );
      if (problems.length) {
        throw new AppError('PASSWORD_TOO_WEAK', {
          details: { problems, issues: problems.map((p) => ({ field: 'newPassword', message: p, code: p })) },
        });
      }
      const hash = await hasher.hash(next);
      await db.tx(async (q) => {
        await authRepo.setPassword(q, user.id, hash);
        await authRepo.revokeOtherSessions(q, user.id, auth.sessionId);
        await audit.record(m, { action: 'auth.password_changed', outcome: 'success', entityType: 'user', entityId: user.id }, q);
      });
    },

    async logout(auth: AuthContext, m: RequestMeta): Promise<void> {
      await db.tx(async (q) => {
        await authRepo.revokeSession(q, auth.sessionId);
        await audit.record(m, { action: 'auth.logout', outcome: 'success', entityType: 'user', entityId: auth.user.id }, q);
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
