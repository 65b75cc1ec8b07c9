import { ApiError } from '../api/client';
import { formatDateTime } from './format';
import type { MessageKey, Params, Translator } from './i18n';

/** How long to wait, in the reader's words: seconds under two minutes, then minutes rounded up. */
export function formatWait(t: Translator, seconds: number): string {
  if (seconds < 120) return t('time.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  return t('time.minutes', { count: Math.ceil(seconds / 60) });
}

/**
 * The sentence a person reads for a failed call: `error.<CODE>` from the catalogs, completed by the details
 * that matter (until when an account is locked, how long to wait), never the server's English message.
 *
 * @example
 * errorMessage(t, new ApiError(423, 'AUTH_ACCOUNT_LOCKED', '', { lockedUntil: '2026-01-05T08:30:00Z' }));
 */
export function errorMessage(t: Translator, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.UNKNOWN');
  const lockedUntil = error.detail('lockedUntil');
  if (error.code === 'AUTH_ACCOUNT_LOCKED' && typeof lockedUntil === 'string') {
    const time = formatDateTime(lockedUntil, t.locale);
    if (time) return t('error.AUTH_ACCOUNT_LOCKED.until', { time });
  }
  const retry = error.detail('retryAfterSeconds');
  if (error.code === 'AUTH_RATE_LIMITED' && typeof retry === 'number') {
    return t('error.AUTH_RATE_LIMITED.retry', { wait: formatWait(t, retry) });
  }
  const key = `error.${error.code}`;
  return t.has(key) ? t(key) : t('error.UNKNOWN');
}

/**
 * Issue codes we can say something useful about without the server's English text: zod's, and the
 * server's own `taken` (a unique value already used) and `overlap` (a support link's dates).
 */
const KNOWN_ISSUES = new Set(['too_small', 'too_big', 'invalid_format', 'invalid_type', 'invalid_value', 'taken', 'overlap']);

/**
 * The message for one field of a VALIDATION_FAILED answer. Issue codes we know are translated; for a rule
 * specific to the endpoint (a `custom` refinement) the server's own sentence names the problem best.
 */
export function issueMessage(t: Translator, issue: { code: string; message: string }): string {
  const key = `validation.${issue.code}`;
  if (KNOWN_ISSUES.has(issue.code) && t.has(key)) return t(key);
  return issue.message || t('validation.invalid');
}

/**
 * Something to tell the person, kept as data rather than text so it follows a change of language.
 * A catalog key, a failed call, or one field issue from the server.
 */
export type Problem = { key: MessageKey; params?: Params } | { error: unknown } | { issue: { code: string; message: string } };

/** The sentence for a problem in the current language. */
export function describeProblem(t: Translator, problem: Problem): string {
  if ('key' in problem) return t(problem.key, problem.params);
  if ('issue' in problem) return issueMessage(t, problem.issue);
  return errorMessage(t, problem.error);
}
