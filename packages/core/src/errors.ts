import { z } from 'zod';

/**
 * Every error the API can return, with its HTTP status. The web app translates by code, so the
 * message on the wire is a fallback in English for API users, never the text a person reads.
 *
 * @example
 * throw new AppError('AUTH_INVALID_CREDENTIALS');
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOTP_REQUIRED: 401,
  AUTH_TOTP_INVALID: 401,
  AUTH_ACCOUNT_LOCKED: 423,
  AUTH_ACCOUNT_DISABLED: 403,
  AUTH_RATE_LIMITED: 429,
  AUTH_TOTP_ENROLMENT_REQUIRED: 403,
  AUTH_TOTP_ALREADY_ENABLED: 409,
  AUTH_TOTP_NOT_PENDING: 409,
  PASSWORD_TOO_WEAK: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  FILE_MALWARE: 422,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  AUTH_REQUIRED: 'Sign-in required',
  AUTH_INVALID_CREDENTIALS: 'Wrong e-mail/phone or password',
  AUTH_TOTP_REQUIRED: 'A two-factor code is required',
  AUTH_TOTP_INVALID: 'The two-factor code is not valid',
  AUTH_ACCOUNT_LOCKED: 'The account is locked after too many failed attempts',
  AUTH_ACCOUNT_DISABLED: 'The account is disabled',
  AUTH_RATE_LIMITED: 'Too many attempts from this address; try again later',
  AUTH_TOTP_ENROLMENT_REQUIRED: 'Two-factor sign-in must be set up before continuing',
  AUTH_TOTP_ALREADY_ENABLED: 'Two-factor sign-in is already enabled',
  AUTH_TOTP_NOT_PENDING: 'No two-factor enrolment is in progress',
  PASSWORD_TOO_WEAK: 'The password does not meet the policy',
  FORBIDDEN: 'You do not have the right to do this',
  NOT_FOUND: 'Not found',
  CONFLICT: 'The record conflicts with an existing one',
  INVALID_STATE: 'This cannot be done in the record’s current state',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  FILE_MALWARE: 'The malware scanner found a threat in the file; it was not kept',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
  INTERNAL: 'Internal error',
};

/** One problem with one field of the input; `field` is a dotted path such as `memberships.0.role`. */
export const fieldIssueSchema = z.object({ field: z.string(), message: z.string(), code: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The one error shape of the API: `{ error: { code, message, details } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * A typed application error. Services throw it; one handler in the server maps it to HTTP.
 *
 * @example
 * throw new AppError('VALIDATION_FAILED', { details: { issues: [{ field: 'email', message: 'Invalid', code: 'invalid_format' }] } });
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, opts: { message?: string; details?: unknown } = {}) {
    super(opts.message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = opts.details;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Builds a VALIDATION_FAILED error naming one field. */
export function fieldError(field: string, message: string, code = 'invalid'): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: `${field}: ${message}`,
    details: { issues: [{ field, message, code }] },
  });
}
