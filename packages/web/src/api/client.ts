import { errorBodySchema, fieldIssueSchema } from '@vuonxa/core';
import type { FieldIssue } from '@vuonxa/core';
import type { z } from 'zod';

/**
 * Codes the web app adds to the server's ERROR_STATUS codes for failures that never reach the server's
 * error handler: no network, an answer that is not the agreed shape.
 */
export const CLIENT_ERROR_CODES = ['NETWORK', 'BAD_RESPONSE'] as const;

/**
 * A failed API call, typed by the server's error code (`AUTH_ACCOUNT_LOCKED`, `VALIDATION_FAILED`…).
 * The message is the server's English fallback; the UI shows `error.<code>` from the catalogs instead.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field problems of a VALIDATION_FAILED answer (`details.issues`), empty otherwise. */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | null | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((i) => {
      const parsed = fieldIssueSchema.safeParse(i);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** A string or number detail, e.g. `detail('lockedUntil')`. */
  detail(name: string): string | number | undefined {
    if (typeof this.details !== 'object' || this.details === null) return undefined;
    const value = (this.details as Record<string, unknown>)[name];
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  }
}

type AuthListener = (error: ApiError) => void;
const authListeners = new Set<AuthListener>();

/**
 * Called when any request answers AUTH_REQUIRED (session ended) or AUTH_TOTP_ENROLMENT_REQUIRED, so the
 * session can move to the sign-in or enrolment screen wherever the call was made. Returns the unsubscribe.
 */
export function onAuthError(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

const SESSION_CODES = new Set(['AUTH_REQUIRED', 'AUTH_TOTP_ENROLMENT_REQUIRED']);

type Query = Record<string, string | number | null | undefined>;

interface RequestOptions<S extends z.ZodType> {
  schema: S;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not tell the session listeners (the first `GET /api/me` decides the screen itself). */
  quiet?: boolean;
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function statusFallbackCode(status: number): string {
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  return 'INTERNAL';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Sends one request; an answer that is not 2xx becomes an `ApiError` (and may tell the session listeners). */
async function send(method: Method, path: string, opts: Omit<RequestOptions<z.ZodType>, 'schema'>, accept: string): Promise<Response> {
  const hasBody = method !== 'GET';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: hasBody ? { accept, 'content-type': 'application/json' } : { accept },
      body: hasBody ? JSON.stringify(opts.body ?? {}) : undefined,
      signal: opts.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
  if (res.ok) return res;
  const body = errorBodySchema.safeParse(await readJson(res));
  const error = body.success
    ? new ApiError(res.status, body.data.error.code, body.data.error.message, body.data.error.details)
    : new ApiError(res.status, statusFallbackCode(res.status), res.statusText);
  if (!opts.quiet && SESSION_CODES.has(error.code)) for (const l of authListeners) l(error);
  throw error;
}

async function request<S extends z.ZodType>(method: Method, path: string, opts: RequestOptions<S>): Promise<z.infer<S>> {
  const res = await send(method, path, opts, 'application/json');
  const parsed = opts.schema.safeParse(await readJson(res));
  if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', `Unexpected answer from ${path}`);
  return parsed.data;
}

/**
 * The JSON API, cookie session. Every answer is checked against the core schema it is declared with.
 *
 * @example
 * const me = await api.get('/api/me', meSchema);
 * await api.post('/api/auth/logout', okSchema);
 */
export const api = {
  get<S extends z.ZodType>(path: string, schema: S, opts: Omit<RequestOptions<S>, 'schema' | 'body'> = {}) {
    return request('GET', path, { ...opts, schema });
  },
  post<S extends z.ZodType>(path: string, schema: S, body: unknown = {}, opts: Omit<RequestOptions<S>, 'schema' | 'body'> = {}) {
    return request('POST', path, { ...opts, schema, body });
  },
  put<S extends z.ZodType>(path: string, schema: S, body: unknown = {}, opts: Omit<RequestOptions<S>, 'schema' | 'body'> = {}) {
    return request('PUT', path, { ...opts, schema, body });
  },
  /** A deletion that answers the changed record (e.g. the profile after a consent is withdrawn). */
  deleteFor<S extends z.ZodType>(path: string, schema: S, opts: Omit<RequestOptions<S>, 'schema' | 'body'> = {}) {
    return request('DELETE', path, { ...opts, schema });
  },
  /** A deletion answered 204 (or any body, ignored). */
  async delete(path: string, opts: { query?: Query; signal?: AbortSignal } = {}): Promise<void> {
    await send('DELETE', path, opts, 'application/json');
  },
  /** A file (a CSV export) as a Blob; a failure is an `ApiError` like any call. */
  async file(path: string, opts: { query?: Query; signal?: AbortSignal } = {}): Promise<Blob> {
    const res = await send('GET', path, opts, 'text/csv, application/json;q=0.5');
    return res.blob();
  },
};
