import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '@vuonxa/core';

/** Fastify's own client errors, mapped to our codes so nothing leaks a framework message shape. */
function frameworkError(err: FastifyError): AppError | null {
  const status = err.statusCode ?? 500;
  if (status >= 500) return null;
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 429) return new AppError('AUTH_RATE_LIMITED');
  if (err.code?.startsWith('FST_ERR_CTP_')) {
    // invalid JSON, empty JSON body and the like: the body as a whole is the field at fault
    return new AppError('VALIDATION_FAILED', {
      message: 'The request body is not valid JSON',
      details: { issues: [{ field: 'body', message: 'Not valid JSON', code: 'invalid_json' }] },
    });
  }
  if (status === 403) return new AppError('FORBIDDEN');
  return new AppError('VALIDATION_FAILED', { message: 'The request is not valid', details: { reason: err.code ?? 'bad_request' } });
}

/**
 * One place maps every error to `{ error: { code, message, details } }`. Validation errors name the field
 * (dotted path) and the part of the request it was in; nothing returns a stack trace.
 */
export function registerErrorHandling(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: (FieldIssue & { in: string })[] = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where,
        message: v.message ?? 'Invalid value',
        code: v.keyword,
        in: where,
      }));
      const first = issues[0];
      const body = new AppError('VALIDATION_FAILED', {
        message: first ? `${first.field}: ${first.message}` : 'The request is not valid',
        details: { issues },
      }).toBody();
      return reply.status(400).send(body);
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send(err.toBody());
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ errCode: 'RESPONSE_SERIALIZATION', route: req.routeOptions.url }, 'response failed its schema');
      return reply.status(500).send(new AppError('INTERNAL').toBody());
    }
    const mapped = frameworkError(err);
    if (mapped) return reply.status(mapped.status).send(mapped.toBody());
    // Log the type and stack of the failure only: driver messages may quote row values (personal data).
    req.log.error({ errName: err.name, errCode: err.code, stack: err.stack?.split('\n').slice(1, 8).join('\n') }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL').toBody());
  });

  app.setNotFoundHandler((req, reply) => {
    if (opts.spaFallback && isPageRequest(req)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(new AppError('NOT_FOUND').toBody());
  });
}

/**
 * A client-side route of the web app (`/audit`, `/admin/users`…): a GET outside /api with no file extension.
 * A missing fingerprinted asset stays a 404 rather than an HTML page the browser would try to run.
 */
function isPageRequest(req: FastifyRequest): boolean {
  const url = req.url.split('?')[0] ?? '/';
  return req.method === 'GET' && url !== '/api' && !url.startsWith('/api/') && !url.startsWith('/assets/') && !path.extname(url);
}
