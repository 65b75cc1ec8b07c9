import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AppError,
  changePasswordRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
  otpRequestedSchema,
  otpRequestSchema,
  otpVerifySchema,
  okSchema,
  switchFacilityRequestSchema,
  totpEnrolResponseSchema,
  totpVerifyRequestSchema,
  updateLocaleRequestSchema,
} from '@vuonxa/core';
import type { Config } from '../../config.js';
import { meta, requireAuth, type MfaState } from '../../http/context.js';
import { SESSION_COOKIE, type SessionResolver } from '../../http/session.js';
import type { OtpService } from '../homecare/otp.service.js';
import type { MeService } from '../me/me.service.js';
import type { AuthService } from './auth.service.js';

const ANY_STATE: readonly MfaState[] = ['complete', 'totp_pending', 'enrol_required'];
const ENROL_OK: readonly MfaState[] = ['complete', 'enrol_required'];

export function authRoutes(deps: {
  auth: AuthService;
  me: MeService;
  sessions: SessionResolver;
  config: Pick<Config, 'cookieSecure' | 'sessionMaxHours'>;
  otp: OtpService;
}): FastifyPluginAsyncZod {
  const { auth, me, sessions, config, otp } = deps;

  function setCookie(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      // Lax keeps the cookie off cross-site POSTs; every mutation also requires a JSON body (no simple form CSRF).
      sameSite: 'lax',
      secure: config.cookieSecure,
      path: '/',
      maxAge: config.sessionMaxHours * 3600,
    });
  }

  return async (app) => {
    // Patients sign in (and register) with a one-time code sent to their phone.
    app.post(
      '/api/auth/otp/request',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['auth'],
          summary: 'Send a one-time sign-in code to a phone (patients; registers a new phone)',
          body: otpRequestSchema,
          response: { 202: otpRequestedSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await otp.request(req.body.phone, meta(req))),
    );
    app.post(
      '/api/auth/otp/verify',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with the one-time code (patients)',
          body: otpVerifySchema,
          response: { 200: loginResponseSchema },
        },
      },
      async (req, reply) => {
        const out = await otp.verify(req.body.phone, req.body.code, meta(req));
        setCookie(reply, out.token);
        const ctx = await sessions(out.token);
        if (!ctx) throw new AppError('AUTH_REQUIRED');
        return { status: 'ok' as const, me: me.view(ctx) };
      },
    );
    app.post(
      '/api/auth/login',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail or phone and password',
          body: loginRequestSchema,
          response: { 200: loginResponseSchema },
        },
      },
      async (req, reply) => {
        const out = await auth.login(req.body, meta(req));
        setCookie(reply, out.token);
        if (out.state === 'totp_pending') return { status: 'totp_required' as const };
        const ctx = await sessions(out.token);
        if (!ctx) throw new AppError('AUTH_REQUIRED');
        return out.state === 'complete'
          ? { status: 'ok' as const, me: me.view(ctx) }
          : { status: 'totp_enrolment_required' as const, me: me.view(ctx) };
      },
    );

    app.post(
      '/api/auth/totp/verify',
      {
        config: { access: { kind: 'session', states: ['totp_pending'] } },
        schema: {
          tags: ['auth'],
          summary: 'Second sign-in step: TOTP code',
          body: totpVerifyRequestSchema,
          response: { 200: loginResponseSchema },
        },
      },
      async (req) => {
        const ctx = requireAuth(req);
        await auth.verifyTotp(ctx, req.body.code, meta(req));
        return { status: 'ok' as const, me: me.view({ ...ctx, mfaState: 'complete' }) };
      },
    );

    app.post(
      '/api/auth/totp/enrol',
      {
        config: { access: { kind: 'session', states: ENROL_OK } },
        schema: { tags: ['auth'], summary: 'Start TOTP enrolment (secret + QR)', response: { 200: totpEnrolResponseSchema } },
      },
      async (req) => auth.enrolTotp(requireAuth(req)),
    );

    app.post(
      '/api/auth/totp/confirm',
      {
        config: { access: { kind: 'session', states: ENROL_OK } },
        schema: {
          tags: ['auth'],
          summary: 'Confirm TOTP enrolment with a code',
          body: totpVerifyRequestSchema,
          response: { 200: okSchema },
        },
      },
      async (req) => {
        await auth.confirmTotp(requireAuth(req), req.body.code, meta(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/totp/disable',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags: ['auth'],
          summary: 'Turn TOTP off (not allowed where mandatory)',
          body: totpVerifyRequestSchema,
          response: { 200: okSchema },
        },
      },
      async (req) => {
        await auth.disableTotp(requireAuth(req), req.body.code, meta(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: { kind: 'session' } },
        schema: { tags: ['auth'], summary: 'Change own password', body: changePasswordRequestSchema, response: { 200: okSchema } },
      },
      async (req) => {
        await auth.changePassword(requireAuth(req), req.body.currentPassword, req.body.newPassword, meta(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: { kind: 'session', states: ANY_STATE } },
        schema: { tags: ['auth'], summary: 'Sign out (revokes the session)', response: { 200: okSchema } },
      },
      async (req, reply) => {
        await auth.logout(requireAuth(req), meta(req));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/me',
      {
        config: { access: { kind: 'session', states: ENROL_OK } },
        schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: meSchema } },
      },
      async (req) => me.view(requireAuth(req)),
    );

    app.post(
      '/api/me/facility',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags: ['me'],
          summary: 'Act for another of my facilities',
          body: switchFacilityRequestSchema,
          response: { 200: meSchema },
        },
      },
      async (req) => me.view(await me.switchFacility(requireAuth(req), req.body.facilityId)),
    );

    app.put(
      '/api/me/locale',
      {
        config: { access: { kind: 'session', states: ENROL_OK } },
        schema: { tags: ['me'], summary: 'Set my language', body: updateLocaleRequestSchema, response: { 200: meSchema } },
      },
      async (req) => me.view(await me.setLocale(requireAuth(req), req.body.locale)),
    );
  };
}
