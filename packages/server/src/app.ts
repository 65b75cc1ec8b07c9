import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { createAuditRepo } from './features/audit/audit.repo.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { createAuditService } from './features/audit/audit.service.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { createAuthService, type Clock } from './features/auth/auth.service.js';
import { facilitiesRoutes } from './features/facilities/facilities.routes.js';
import { createFacilitiesService } from './features/facilities/facilities.service.js';
import { networkRoutes } from './features/network/network.routes.js';
import { practitionersRoutes } from './features/practitioners/practitioners.routes.js';
import { createPractitionersService } from './features/practitioners/practitioners.service.js';
import { createExportService } from './features/registry-import/export.service.js';
import { registryImportRoutes } from './features/registry-import/import.routes.js';
import { createImportService } from './features/registry-import/import.service.js';
import { sitesRoutes } from './features/sites/sites.routes.js';
import { createSitesService } from './features/sites/sites.service.js';
import { supportLinksRoutes } from './features/support-links/support-links.routes.js';
import { createSupportLinksService } from './features/support-links/support-links.service.js';
import { geoRoutes } from './features/geo/geo.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { homeRoutes } from './features/home/home.routes.js';
import { icd10Routes } from './features/icd10/icd10.routes.js';
import { createHomeService } from './features/home/home.service.js';
import { createMeService } from './features/me/me.service.js';
import { usersRoutes } from './features/users/users.routes.js';
import { createUsersService } from './features/users/users.service.js';
import { consultsRoutes } from './features/consults/consults.routes.js';
import { createConsultsService } from './features/consults/consults.service.js';
import { remindOverdueOutcomes } from './features/consults/reminders.js';
import { createThreadService } from './features/consults/thread.service.js';
import { notificationsRoutes } from './features/notifications/notifications.routes.js';
import { createNotificationsService } from './features/notifications/notifications.service.js';
import { patientsRoutes } from './features/patients/patients.routes.js';
import { createPatientsService } from './features/patients/patients.service.js';
import { reportsRoutes } from './features/reports/reports.routes.js';
import { createReportsService } from './features/reports/reports.service.js';
import { sessionsRoutes } from './features/sessions/sessions.routes.js';
import { createSessionsService } from './features/sessions/sessions.service.js';
import { uploadsRoutes } from './features/uploads/uploads.routes.js';
import { createUploadsService } from './features/uploads/uploads.service.js';
import { createLocalBlobStore, type BlobStore } from './lib/blob-store.js';
import { createLocalBus, createRedisBus, type EventBus } from './realtime/bus.js';
import { wsRoutes } from './realtime/ws.routes.js';
import { createRedisRoomRouter, localRoomRouter } from './media/room-router.js';
import { createRooms } from './media/rooms.js';
import { createSfu } from './media/sfu.js';
import { clamdScanner, type MalwareScanner } from './lib/malware-scanner.js';
import { createAccountService } from './features/homecare/account.service.js';
import { createBankGateway } from './features/homecare/bank.js';
import { createCareService } from './features/homecare/care.service.js';
import { careRoutes } from './features/homecare/care.routes.js';
import { homecareRoutes } from './features/homecare/homecare.routes.js';
import { createOtpService } from './features/homecare/otp.service.js';
import { createSmsGateway } from './features/homecare/sms.js';
import { createVisitsService } from './features/homecare/visits.service.js';
import { createWalkInsService } from './features/homecare/walkins.service.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerGuard } from './http/guard.js';
import { createMetrics } from './http/metrics.js';
import { requestLoggerFactory } from './http/request-logger.js';
import { createSessionResolver } from './http/session.js';
import { createPasswordHasher, type PasswordHasher } from './lib/passwords.js';
import { createSecretBox } from './lib/secret-box.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Key material for secrets at rest (see `loadSecretKey`). */
  secretKey: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** false silences logging (tests); `stream` sends the JSON lines elsewhere (the log-hygiene test reads them). */
  logger?: false | { level: string; stream?: NodeJS.WritableStream };
  /** Realtime fan-out; default: Redis when REDIS_URL is set, else in-process. */
  bus?: EventBus;
  /** File store; default: the local directory `config.blobDir`. */
  store?: BlobStore;
  /** Malware scanner for uploads; default: clamd at `config.clamdAddress`, none without it. */
  scanner?: MalwareScanner | null;
}

const REQUEST_ID = /^[\w-]{8,64}$/;
/** Routes that answer probes and scrapers: counted in the metrics, not logged a line per request. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Builds the whole HTTP application without listening, so tests drive it with `app.inject()`.
 *
 * @example
 * const app = await buildApp({ config, db, secretKey });
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const clock = deps.clock ?? { now: () => Date.now() };
  const logger =
    deps.logger === false
      ? false
      : {
          level: deps.logger?.level ?? config.logLevel,
          ...(deps.logger?.stream ? { stream: deps.logger.stream } : {}),
          // Only what identifies the request, never bodies, cookies, tokens or query strings (they carry names).
          serializers: { req: () => ({}), res: () => ({}) },
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        };
  // Request ids: a random prefix per app and a counter. Unique in the logs and the audit trail, and cheaper than a
  // UUID on every request (issue 7, B1).
  const idPrefix = `${randomBytes(6).toString('base64url')}-`;
  let idSeq = 0;
  const base = Fastify({
    logger,
    // We log one concise line per request ourselves (route pattern, status, time), never the URL or body.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : idPrefix + (++idSeq).toString(36);
    },
    bodyLimit: 1_048_576,
  });
  // Before any plugin or route, so every request's logger is made by it.
  if (logger) base.setChildLoggerFactory(requestLoggerFactory);
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null;
  registerErrorHandling(base, { spaFallback: webDist !== null });

  // The hooks below run on every request: plain callbacks (no promise each), nothing computed per request that
  // could be computed once.
  const metrics = createMetrics({ defaults: config.env !== 'test' });
  app.addHook('onSend', (req, reply, _payload, done) => {
    void reply.header('x-request-id', req.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    metrics.observe(req.method, route, reply.statusCode, ms / 1000);
    if (!QUIET_ROUTES.has(route)) {
      req.log.info({ method: req.method, route, status: reply.statusCode, ms: Math.round(ms), user: req.auth?.user.id }, 'request');
    }
    done();
  });

  // Swagger UI's own routes are public documentation.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), access: { kind: 'public' } };
  });
  const audit = createAuditService({ db, repo: createAuditRepo() });
  const sessions = createSessionResolver({ db, idleMinutes: config.sessionIdleMinutes });
  // Before any route is added: the guard decides each route's access rule as the route is added.
  registerGuard(base, { sessions, audit });

  // The guard reads the session cookie itself, on the routes that need it: no cookie parsing on every request.
  await app.register(cookie, { hook: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Vươn Xa API', version: '0.1.0', description: 'Telehealth platform for the national health network' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vx_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const hasher = deps.hasher ?? createPasswordHasher();
  const box = createSecretBox(deps.secretKey);
  const auth = createAuthService({ db, config, hasher, box, audit, clock });
  const me = createMeService({ db, totpRequiredRoles: config.totpRequiredRoles });
  const users = createUsersService({ db, hasher, audit, clock });
  const home = createHomeService({ db, totpRequiredRoles: config.totpRequiredRoles });
  const bus =
    deps.bus ??
    (config.redisUrl ? await createRedisBus(config.redisUrl, (err) => base.log.error({ err: err.message }, 'redis')) : createLocalBus());
  if (!deps.bus) base.addHook('onClose', () => bus.close());
  const store = deps.store ?? createLocalBlobStore(config.blobDir);
  const notifications = createNotificationsService({
    db,
    bus,
    onError: (err) => base.log.error({ err: (err as Error).message }, 'notification failed'),
  });
  const consultDeps = {
    db,
    audit,
    clock,
    notifications,
    retentionYears: config.consult.retentionYears,
    outcomeDueDays: config.consult.outcomeDueDays,
  };
  const consults = createConsultsService(consultDeps);

  await app.register(healthRoutes({ db, metricsText: () => metrics.text(), metricsContentType: metrics.contentType }));
  // Patients at home: sign-in by one-time code (SMS gateway interface; `dev` in demo), accounts, visits.
  const sms = createSmsGateway(config.smsGateway, { warn: (obj, msg) => base.log.warn(obj, msg) });
  const otp = createOtpService({ db, sms, audit, clock, hasher, openSession: (userId, m) => auth.openVerifiedSession(userId, m) });
  const visits = createVisitsService({ db, audit, clock, sms, retentionYears: config.consult.retentionYears, notifications });
  await app.register(authRoutes({ auth, me, sessions, config, otp }));
  const care = createCareService({ db, audit, clock, retentionYears: config.consult.retentionYears, notifications });
  const bank = createBankGateway(config.bank.gateway, config.bank.webhookSecret);
  await app.register(
    homecareRoutes({
      account: createAccountService({ db, audit }),
      visits,
      walkIns: createWalkInsService({ db, audit, retentionYears: config.consult.retentionYears }),
      sms,
    }),
  );
  await app.register(careRoutes({ care, bank }));
  await app.register(homeRoutes({ home }));
  await app.register(auditRoutes({ audit }));
  await app.register(usersRoutes({ users }));
  await app.register(geoRoutes({ db }));
  await app.register(facilitiesRoutes({ facilities: createFacilitiesService({ db, audit }) }));
  await app.register(sitesRoutes({ sites: createSitesService({ db, audit }) }));
  await app.register(supportLinksRoutes({ links: createSupportLinksService({ db, audit }) }));
  await app.register(practitionersRoutes({ practitioners: createPractitionersService({ db, audit }) }));
  await app.register(icd10Routes({ db }));
  await app.register(patientsRoutes({ patients: createPatientsService({ db, audit }) }));
  await app.register(
    uploadsRoutes({
      uploads: createUploadsService({
        db,
        store,
        audit,
        clock,
        expiryHours: config.consult.uploadExpiryHours,
        scanner: deps.scanner !== undefined ? deps.scanner : config.clamdAddress ? clamdScanner({ address: config.clamdAddress }) : null,
        log: base.log,
      }),
    }),
  );
  await app.register(consultsRoutes({ db, consults, thread: createThreadService({ db, audit, store, consults, notifications }) }));
  await app.register(sessionsRoutes({ sessions: createSessionsService({ db, audit, clock, notifications, store }) }));
  await app.register(reportsRoutes({ reports: createReportsService({ ...consultDeps, box, hasher, consults }) }));
  await app.register(notificationsRoutes({ notifications }));
  // Multi-site media through Janus when configured; the room service relays and authorizes every step.
  const mediaLog = {
    warn: (obj: object, msg: string) => base.log.warn(obj, msg),
    info: (obj: object, msg: string) => base.log.info(obj, msg),
  };
  const sfu = config.janus
    ? createSfu(
        { url: config.janus.url, apiSecret: config.janus.apiSecret, recordDir: config.recordingDir },
        (roomId, participantId, msg) => rooms.deliver(roomId, participantId, msg),
        mediaLog,
      )
    : null;
  const rooms = createRooms({
    db,
    audit,
    clock,
    turn: config.turn,
    sfu,
    store,
    retentionYears: config.consult.retentionYears,
    log: mediaLog,
  });
  if (sfu) base.addHook('onClose', () => sfu.shutdown());
  // Tests and the bench look at the Janus side of a room (its secret never leaves the server otherwise).
  base.decorate('rooms', rooms);
  base.decorate('visits', visits);
  // Several instances: a room lives on one, the others forward its messages there through Redis.
  const roomRouter = config.redisUrl
    ? await createRedisRoomRouter(config.redisUrl, rooms, (err) => base.log.error({ err: err.message }, 'room router'))
    : localRoomRouter(rooms);
  base.addHook('onClose', () => roomRouter.close());
  await app.register(wsRoutes({ bus, rooms: roomRouter }));
  if (config.env !== 'test') {
    // Overdue outcome reminders: at start, then hourly. Tests call remindOverdueOutcomes directly.
    const run = () =>
      remindOverdueOutcomes(db, notifications).catch((err: unknown) =>
        base.log.error({ err: (err as Error).message }, 'outcome reminders failed'),
      );
    const timer = setInterval(() => void run(), 3_600_000);
    // Visit reminders (a day and an hour before), every five minutes.
    const remind = setInterval(
      () => void visits.remindUpcoming().catch((err: unknown) => base.log.error({ err: (err as Error).message }, 'visit reminders failed')),
      300_000,
    );
    remind.unref();
    base.addHook('onClose', async () => clearInterval(remind));
    timer.unref();
    base.addHook('onReady', async () => void run());
    base.addHook('onClose', async () => clearInterval(timer));
  }
  await app.register(networkRoutes({ db, ttlMs: config.env === 'test' ? 0 : 30_000 }));
  await app.register(registryImportRoutes({ imports: createImportService({ db, audit }), exports: createExportService({ db, audit }) }));
  if (webDist) await registerWeb(base, webDist);
  return base;
}

/**
 * Serves the built web app. Files are looked up on each request, so a rebuild needs no restart; what is not
 * found goes to the not-found handler (SPA fallback, see error-handler.ts).
 */
async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: true,
    index: false,
    // The build writes .br and .gz beside each file: a weak link gets a quarter of the bytes (issue 7, B7).
    preCompressed: true,
    setHeaders: (res, file) => {
      // Vite fingerprints everything under assets/: cache forever; everything else revalidates.
      void res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { config: { access: { kind: 'public' } }, schema: { hide: true } }, (_req, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
}
