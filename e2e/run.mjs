#!/usr/bin/env node
// Runs the end-to-end tests in Debian's Chromium. Without Chromium they are skipped with a clear message,
// unless E2E_REQUIRED=1 or CI is set (CI installs Chromium and must run them). Exit 3 means "skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const required = process.env.E2E_REQUIRED === '1' || !!process.env.CI;
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => c && existsSync(c));
if (!chromium) {
  const msg = 'end-to-end: Chromium not found (apt-get install -y chromium)';
  if (required) {
    console.error(`${msg} — required here, failing.`);
    process.exit(1);
  }
  console.log(`${msg} — SKIPPED.`);
  process.exit(3);
}
const build = spawnSync('npm', ['run', 'build', '-w', '@vuonxa/web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => path.join(here, f));
const testCmd = [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
// Calls: as root, run everything in a loopback-only network namespace so WebRTC can only pick loopback candidates
// (the recipe verified on these machines); elsewhere run as is.
const isolate = process.getuid?.() === 0 && process.env.E2E_NETNS !== '0' && spawnSync('unshare', ['-n', 'true']).status === 0;
const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
const [cmd, args] = isolate
  ? ['unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${testCmd.map(quote).join(' ')}`]]
  : [testCmd[0], testCmd.slice(1)];
if (isolate) console.log('end-to-end: in a loopback-only network namespace');
const r = spawnSync(cmd, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', CHROMIUM_PATH: chromium },
});
process.exit(r.status ?? 1);
