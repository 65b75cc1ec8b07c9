// B3: create a consultation request (validation, transaction, audit) against node:http + pg inserting the same rows.
import path from 'node:path';
import { consultDraftSchema } from '@vuonxa/core';
import { signIn } from './api.js';
import { startChildServer } from './child.js';
import { interleave, type LoadTarget } from './load.js';
import { appStatements, baselineStatements, traceTable } from './probe.js';
import { int, median, roundsTable, timesVs } from './report.js';
import type { Scenario } from './types.js';

const BAR = 0.5;
export const CLINICIAN = 'yta.yty@vuonxa.vn';

export const b3: Scenario = {
  id: 'B3',
  title: 'create a consultation request',
  bar: `≥ ${BAR}× the requests/s of \`node:http\` + \`pg\` inserting the same rows`,
  needsServer: true,
  async run(ctx) {
    const app = await ctx.server();
    const nurse = await signIn(app.url, CLINICIAN);
    if (!nurse.activeFacilityId) throw new Error(`${CLINICIAN} acts for no facility`);
    // The demo request of the station gives a registered patient and the hub it goes to.
    const mine = await nurse.call<{ items: { id: string }[] }>('GET', '/api/consults?view=requested&limit=5');
    const sample =
      mine.items[0] &&
      (await nurse.call<{ patient: { id: string } | null; targetHub: { id: string } | null }>('GET', `/api/consults/${mine.items[0].id}`));
    if (!sample?.patient || !sample.targetHub) throw new Error(`no demo request with a patient and a hub for ${CLINICIAN}`);
    // The body as the app's schema leaves it (defaults filled), so the baseline, which does not validate, inserts the same values.
    const draft = consultDraftSchema.parse({
      facilityId: nurse.activeFacilityId,
      type: 'remote_consultation',
      urgency: 'urgent',
      specialty: 'cardiology',
      targetHubId: sample.targetHub.id,
      patientId: sample.patient.id,
      clinical: {
        history: 'Tăng huyết áp 10 năm, bỏ thuốc 1 tuần; đau đầu, nhìn mờ từ sáng.',
        examination: 'Mạch 96, HA 210/120, tỉnh, không yếu liệt.',
        vitals: { pulse: 96, systolic: 210, diastolic: 120, spo2: 97 },
        currentTreatment: 'Amlodipin 5 mg',
        testsDone: 'Điện tim: dày thất trái',
      },
      question: 'Xin ý kiến xử trí cơn tăng huyết áp: điều trị tại trạm hay chuyển tuyến?',
      diagnoses: [{ code: 'I10', kind: 'working' }],
    });
    const body = JSON.stringify(draft);
    const base = await startChildServer(ctx.root, path.join(import.meta.dirname, 'baseline-pg.ts'), { DATABASE_URL: app.databaseUrl });
    try {
      const probe = { method: 'POST' as const, url: '/api/consults', cookie: nurse.cookie, body };
      const statements = {
        app: await appStatements(app.databaseUrl, ctx.tmpRoot, probe),
        baseline: await baselineStatements(base.url, probe),
      };
      ctx.log(`  statements per request: app ${statements.app.counts.join('/')}, baseline ${statements.baseline.counts.join('/')}`);
      const headers = { cookie: nurse.cookie, 'content-type': 'application/json' };
      const pgParent = app.database === 'embedded' ? app.pid : undefined;
      const t = {
        baseline: { url: `${base.url}/api/consults`, method: 'POST', headers, body, pid: base.pid, postgresParentPid: pgParent },
        app: { url: `${app.url}/api/consults`, method: 'POST', headers, body, pid: app.pid, postgresParentPid: pgParent },
      } satisfies Record<string, LoadTarget>;
      const r = await interleave(t, ctx.options, ctx.log);
      const pass = r.ratio >= BAR;
      const last = r.rounds.at(-1)!;
      const sApp = median(statements.app.counts);
      const sBase = median(statements.baseline.counts);
      const perReq = (f: (x: (typeof r.rounds)[number]) => number) => Math.round(r.rounds.reduce((a, x) => a + f(x), 0) / r.rounds.length);
      const why =
        `${sApp} statements a request vs the baseline's ${sBase} (the app also checks the patient, hub, bridge site and ICD-10 codes, ` +
        `in the statement that inserts, and answers with the full detail built from what it returned); CPU a request: server ` +
        `${perReq((x) => x.app.cpuPerRequestUs.server)} µs vs ${perReq((x) => x.baseline.cpuPerRequestUs.server)} µs` +
        (last.app.cpu.postgres !== null
          ? `, PostgreSQL ${perReq((x) => x.app.cpuPerRequestUs.postgres ?? 0)} µs vs ${perReq((x) => x.baseline.cpuPerRequestUs.postgres ?? 0)} µs`
          : '');
      return {
        rows: [
          {
            scenario: 'B3',
            measure: 'consult create req/s',
            measured: int(r.appRps),
            baseline: int(r.baselineRps),
            value: timesVs(r.ratio, BAR),
            bar: `≥ ×${BAR}`,
            verdict: pass ? 'PASS' : 'MISS',
            ...(pass ? {} : { why }),
          },
        ],
        markdown: [
          `\`POST /api/consults\` as the demo clinician (${CLINICIAN}), the same draft every time (${body.length} bytes: patient, hub, ` +
            'clinical summary, one ICD-10 code): the guard resolves the session (one statement) and checks `consult.create`, zod ' +
            'validates the body, and one statement (`consultsRepo.insertDraft`) checks the references (patient registered at the ' +
            'station, hub active, bridge site, ICD-10 codes known) and, when they hold, inserts `consult_request` with its retention ' +
            'date, `consult_event` and `audit_event`, and returns the row with its names, the patient and the ICD-10 names; the answer, ' +
            'the full detail, is built from it and goes through the zod serialiser. A draft ' +
            'notifies nobody. Baseline (`bench/suite/baseline-pg.ts`): `node:http` + `pg`, the same session lookup ' +
            '(`createSessionResolver`) and permission check, then the same statement (`consultsRepo.insertDraft`) and `JSON.stringify` ' +
            'of the row it returns: the same SQL, no framework, no validation, no serialiser. ' +
            `Statements per request, counted one request at a time: app ${statements.app.counts.join(', ')}; baseline ${statements.baseline.counts.join(', ')}. ` +
            `Every request inserts a draft: the run adds about ${int(r.rounds.reduce((a, x) => a + x.app.requests + x.baseline.requests, 0))} ` +
            'requests (plus warm-up) to the database.',
          '',
          ...traceTable(statements.app, statements.baseline),
          '',
          ...roundsTable(r),
        ],
        details: { statements, bodyBytes: body.length, interleaved: r },
      };
    } finally {
      await base.stop();
    }
  },
};
