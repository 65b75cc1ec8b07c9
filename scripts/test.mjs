#!/usr/bin/env node
// `npm test`: typecheck, lint (ESLint + Prettier), unit and integration tests (one vitest run, both projects
// in parallel, on an embedded PostgreSQL), the integration tests again on an external PostgreSQL when
// TEST_EXTERNAL_DATABASE_URL is set (CI sets it), then the end-to-end tests in Chromium. Prints a summary.
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'unit + integration (embedded PostgreSQL)', cmd: ['npx', 'vitest', 'run'], env: { DATABASE_URL: '' } },
];
if (process.env.TEST_EXTERNAL_DATABASE_URL) {
  steps.push({
    name: 'integration (external PostgreSQL, DATABASE_URL)',
    cmd: ['npx', 'vitest', 'run', '--project', 'int'],
    env: { DATABASE_URL: process.env.TEST_EXTERNAL_DATABASE_URL },
  });
}
steps.push({ name: 'end-to-end (Chromium)', cmd: ['node', 'e2e/run.mjs'], skipCode: 3 });

const only = process.argv[2];
const results = [];
for (const step of steps) {
  if (only && !step.name.startsWith(only)) continue;
  console.log(`\n━━ ${step.name} ━━`);
  const t0 = Date.now();
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...step.env } });
  const status = r.status === 0 ? 'passed' : r.status === step.skipCode ? 'SKIPPED' : 'FAILED';
  results.push({ name: step.name, status, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
  if (status === 'FAILED' && process.env.TEST_FAIL_FAST) break;
}

console.log('\n━━ summary ━━');
for (const r of results)
  console.log(
    `${r.status === 'passed' ? '✔' : r.status === 'SKIPPED' ? '–' : '✘'} ${r.name.padEnd(52)} ${r.status.padEnd(8)} ${r.seconds.padStart(6)} s`,
  );
const failed = results.filter((r) => r.status === 'FAILED');
console.log(failed.length ? `\n${failed.length} step(s) failed.` : '\nAll steps passed.');
process.exit(failed.length ? 1 : 0);
