import { describe, expect, it } from 'vitest';
import { auditQuerySchema } from './audit.schemas.js';
import { createUserRequestSchema } from './user.schemas.js';
import { AppError, ERROR_STATUS, fieldError } from './errors.js';

describe('shared schemas', () => {
  it('normalises e-mail and phone on a new account and requires one of them', () => {
    const ok = createUserRequestSchema.parse({
      displayName: 'Lan',
      email: ' Lan@BV.vn ',
      password: 'x',
      facilityId: null,
      role: 'system_admin',
    });
    expect(ok.email).toBe('lan@bv.vn');
    expect(ok.locale).toBe('vi');
    expect(
      createUserRequestSchema.parse({ displayName: 'Lan', phone: '091 234.5678', password: 'x', facilityId: null, role: 'trainee' }).phone,
    ).toBe('0912345678');
    const r = createUserRequestSchema.safeParse({ displayName: 'Lan', password: 'x', facilityId: null, role: 'trainee' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['email']);
  });
  it('bounds audit pages and refuses a reversed period', () => {
    expect(auditQuerySchema.parse({}).limit).toBe(50);
    expect(auditQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
    const r = auditQuerySchema.safeParse({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(r.error?.issues[0]?.path).toEqual(['from']);
  });
  it('maps every error code to a status and builds field errors', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(new AppError(code as keyof typeof ERROR_STATUS).status).toBe(status);
    expect(fieldError('phone', 'bad').toBody()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'phone: bad',
        details: { issues: [{ field: 'phone', message: 'bad', code: 'invalid' }] },
      },
    });
  });
});
