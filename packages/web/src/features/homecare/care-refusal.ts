import { ApiError } from '../../api/client';
import type { MessageKey } from '../../i18n/i18n';

// ——— Refusals of the visit's actions ———

export const CARE_REFUSALS = [
  'too_early',
  'steps_missing',
  'note_missing',
  'facility_without_kcb_code',
  'already_prescribed',
  'not_in_progress',
  'not_prescribable',
  'not_startable',
  'closed',
  'not_the_doctor',
  'not_a_party',
  'condition_not_listed',
  'outside_scope',
] as const;
export type CareRefusalReason = (typeof CARE_REFUSALS)[number];

export interface CareRefusal {
  reason: CareRefusalReason;
  key: MessageKey;
  /** With `too_early`: when the room opens. */
  opensAt?: string;
}

/**
 * What a refused step means, from the server's `{ code, details.reason }`: too early (with when the room opens),
 * steps or note missing, no facility code for a prescription, already prescribed, not in progress any more, not
 * this doctor's visit, the legal gate again (the condition left the list, outside the doctor's scope). Null for
 * other failures (the generic message covers them).
 *
 * @example
 * careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'note_missing' })); // { reason: 'note_missing', key: 'care.refusal.note_missing' }
 */
export function careRefusalOf(error: unknown): CareRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (!['INVALID_STATE', 'CONFLICT', 'FORBIDDEN'].includes(error.code)) return null;
  const given = error.detail('reason');
  const reason = CARE_REFUSALS.find((r) => r === given);
  if (!reason) return null;
  const opensAt = error.detail('opensAt');
  const refusal: CareRefusal = { reason, key: `care.refusal.${reason}` };
  if (reason === 'too_early' && typeof opensAt === 'string') refusal.opensAt = opensAt;
  return refusal;
}
