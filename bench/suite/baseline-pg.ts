// B2's and B3's baseline: `node:http` + `pg`, no framework, no schema validation or serialisation, running the SQL the
// app runs (through the server's own repository functions, so it follows their SQL as it changes). Run in its own
// process by the scenarios with DATABASE_URL set to the app's database; prints `listening <port>`.
//
//   GET  /api/consults/:id  session lookup (session, user, memberships: one statement) → the request with the caller's
//                           part in it (`getWithPart`) → audit `consult.read` (+ `patient.read`, one INSERT, relaxed
//                           commit) alongside the rest of the detail (`detailParts`) → JSON: 4 statements, as the app.
//   POST /api/consults      session lookup → permission → `insertDraft` (checks, request, retention date, event and
//                           audit row in one statement) → 201 JSON of the row: 2 statements, as the app.
//   GET  /__statements      statements sent so far, and the trace since `?trace=1` (probes: one request at a time).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { can, type ConsultDraft } from '@vuonxa/core';
import { createDb } from '../../packages/server/src/db/db.js';
import { createAuditRepo, type AuditEntry } from '../../packages/server/src/features/audit/audit.repo.js';
import { partSites, rolesFrom } from '../../packages/server/src/features/consults/consult-access.js';
import { consultsRepo } from '../../packages/server/src/features/consults/consults.repo.js';
import type { RequestMeta } from '../../packages/server/src/http/context.js';
import { createSessionResolver, SESSION_COOKIE } from '../../packages/server/src/http/session.js';
import { countingDb } from './counting-db.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
// The server's pool size (createDb's default) and idle timeout (SESSION_IDLE_MINUTES' default).
const counting = countingDb(createDb(url));
const { db } = counting;
const sessions = createSessionResolver({ db, idleMinutes: 120 });
const audit = createAuditRepo();
const RETENTION_YEARS = 10;
const COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);
const ID = /^\/api\/consults\/([0-9a-f-]{36})$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function read(id: string, m: RequestMeta, auth: NonNullable<Awaited<ReturnType<typeof sessions>>>) {
  const found = await consultsRepo.getWithPart(db, id, auth.user.id, partSites(auth.user.id, auth.principal));
  const roles = found ? rolesFrom(auth.principal, found.c, found.part) : [];
  if (!found || roles.length === 0) return null;
  const c = found.c;
  const reads: AuditEntry[] = [
    { action: 'consult.read', outcome: 'success', entityType: 'consult', entityId: id, subjectFacilityId: c.requesting_facility_id },
  ];
  if (c.patient_id)
    reads.push({ action: 'patient.read', outcome: 'success', entityType: 'patient', entityId: c.patient_id, details: { via: 'consult' } });
  const [, parts] = await Promise.all([audit.insertAll(db.relaxed, m, reads), consultsRepo.detailParts(db, c)]);
  return {
    id: c.id,
    ref: c.ref,
    state: c.state,
    type: c.type,
    urgency: c.urgency,
    specialty: c.specialty,
    requestingFacility: { id: c.requesting_facility_id, name: c.requesting_facility_name },
    siteId: c.requesting_site_id,
    requester: { id: c.requester_user_id, name: c.requester_name },
    targetHub: c.target_hub_id ? { id: c.target_hub_id, name: c.target_hub_name ?? '' } : null,
    patient: parts.patient,
    clinical: c.clinical,
    question: c.question,
    diagnoses: c.diagnoses.map((d) => ({
      ...d,
      nameVi: parts.names.get(d.code)?.nameVi ?? d.code,
      nameEn: parts.names.get(d.code)?.nameEn ?? null,
    })),
    submittedAt: c.submitted_at?.toISOString() ?? null,
    responseDueAt: c.response_due_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
    assignments: parts.assignments,
    attachments: parts.attachments,
    sessions: parts.sessions,
    report: parts.report,
    outcome: parts.outcome,
    myRoles: roles,
  };
}

async function create(d: ConsultDraft, m: RequestMeta, userId: string) {
  const id = randomUUID();
  const r = await consultsRepo.insertDraft(db, {
    id,
    draft: d,
    requesterId: userId,
    year: new Date().getUTCFullYear(),
    retentionYears: RETENTION_YEARS,
    meta: m,
    audit: { action: 'consult.create', outcome: 'success', entityType: 'consult', entityId: id, subjectFacilityId: d.facilityId },
  });
  return r.row;
}

const server = http.createServer((req, res) => {
  void (async () => {
    if (req.url === '/__statements?trace=1') {
      counting.startTrace();
      return send(res, 200, { statements: counting.statements() });
    }
    if (req.url === '/__statements') return send(res, 200, { statements: counting.statements(), trace: counting.stopTrace() });
    const token = COOKIE.exec(req.headers.cookie ?? '')?.[1];
    const auth = token ? await sessions(token) : null;
    if (!auth || auth.mfaState !== 'complete') return send(res, 401, { error: 'AUTH_REQUIRED' });
    const m: RequestMeta = {
      requestId: randomUUID(),
      ip: req.socket.remoteAddress ?? null,
      actorUserId: auth.user.id,
      actingFacilityId: auth.activeFacilityId,
    };
    const one = req.method === 'GET' ? ID.exec(req.url ?? '') : null;
    if (one) {
      if (!can(auth.principal, 'consult.read')) return send(res, 403, { error: 'FORBIDDEN' });
      const detail = await read(one[1]!, m, auth);
      return detail ? send(res, 200, detail) : send(res, 404, { error: 'NOT_FOUND' });
    }
    if (req.method === 'POST' && req.url === '/api/consults') {
      const d = JSON.parse(await readBody(req)) as ConsultDraft;
      if (!can(auth.principal, 'consult.create', d.facilityId)) return send(res, 403, { error: 'FORBIDDEN' });
      return send(res, 201, await create(d, m, auth.user.id));
    }
    return send(res, 404, { error: 'NOT_FOUND' });
  })().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    if (!res.headersSent) send(res, 500, { error: 'INTERNAL' });
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void db.close().then(() => process.exit(0)));
});
