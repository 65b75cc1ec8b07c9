import { ApiError } from '../../api/client';
import { errorMessage } from '../../i18n/error-message';
import type { Translator } from '../../i18n/i18n';

/**
 * A failed report call in words that fit the report: a wrong password when signing, a report that moved on
 * (CONFLICT) since it was read; anything else as usual.
 */
export function reportErrorMessage(t: Translator, error: unknown): string {
  if (error instanceof ApiError && error.code === 'AUTH_INVALID_CREDENTIALS') return t('report.wrongPassword');
  if (error instanceof ApiError && error.code === 'CONFLICT') return t('report.conflict');
  return errorMessage(t, error);
}
