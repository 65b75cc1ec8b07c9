import { loginResponseSchema, meSchema, okSchema, totpEnrolResponseSchema } from '@vuonxa/core';
import type { Locale, LoginRequest, Me } from '@vuonxa/core';
import { ApiError, api } from '../../api/client';

/** The sign-in, two-factor and own-account endpoints (`/api/auth/*`, `/api/me*`). */
export const authApi = {
  me: (opts: { quiet?: boolean } = {}) => api.get('/api/me', meSchema, opts),
  login: (body: LoginRequest) => api.post('/api/auth/login', loginResponseSchema, body),
  /** `POST /api/auth/totp/verify` answers `{ status: 'ok', me }`, the last step of a sign-in. */
  verifyTotp: async (code: string): Promise<Me> => {
    const res = await api.post('/api/auth/totp/verify', loginResponseSchema, { code });
    if (res.status !== 'ok') throw new ApiError(200, 'BAD_RESPONSE', 'Unexpected sign-in step');
    return res.me;
  },
  enrolTotp: () => api.post('/api/auth/totp/enrol', totpEnrolResponseSchema),
  confirmTotp: (code: string) => api.post('/api/auth/totp/confirm', okSchema, { code }),
  disableTotp: (code: string) => api.post('/api/auth/totp/disable', okSchema, { code }),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post('/api/auth/password', okSchema, body),
  logout: () => api.post('/api/auth/logout', okSchema),
  switchFacility: (facilityId: string | null) => api.post('/api/me/facility', meSchema, { facilityId }),
  setLocale: (locale: Locale) => api.put('/api/me/locale', meSchema, { locale }),
};
