import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { createTranslator } from '../../i18n/i18n';
import { CARE_REFUSALS, careRefusalOf } from './care-refusal';

describe('refusals of the visit’s steps', () => {
  it('explains the server’s reasons, with when the room opens', () => {
    expect(careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'too_early', opensAt: '2026-11-02T09:30:00Z' }))).toEqual({
      reason: 'too_early',
      key: 'care.refusal.too_early',
      opensAt: '2026-11-02T09:30:00Z',
    });
    expect(careRefusalOf(new ApiError(409, 'CONFLICT', '', { reason: 'already_prescribed' }))?.reason).toBe('already_prescribed');
    expect(careRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'outside_scope' }))?.key).toBe('care.refusal.outside_scope');
  });

  it('leaves other failures to the generic message', () => {
    expect(careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'something_new' }))).toBeNull();
    expect(careRefusalOf(new ApiError(400, 'VALIDATION_FAILED', '', { reason: 'note_missing' }))).toBeNull();
    expect(careRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'controlled_substance' }))).toBeNull();
  });

  it('has words for every reason in Vietnamese and English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = createTranslator(locale);
      for (const r of CARE_REFUSALS) expect(t.has(`care.refusal.${r}`), `${locale} ${r}`).toBe(true);
    }
  });
});
