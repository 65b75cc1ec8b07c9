#!/usr/bin/env node
// Runs the end-to-end tests in Debian's Chromium. Without Chromium they are skipped with a clear message,
// unless E2E_REQUIRED=1 or CI is set (CI installs Chromium and must run them). Exit 3 means "skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
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
const only = process.env.E2E_ONLY;
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts') && (!only || f.includes(only)))
  .map((f) => path.join(here, f));
// Multi-site rooms: a private Janus inside the namespace. Janus never gathers ICE candidates on loopback, so a
// veth with a loopback-range address (127.0.0.2) is added and enforced (the recipe verified on these machines).
const janus = ['/usr/bin/janus', '/usr/local/bin/janus'].find((p) => existsSync(p));
const janusDir = path.join(os.tmpdir(), `vx-e2e-janus-${process.pid}`);
const testCmd = [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
// Calls: as root, run everything in a loopback-only network namespace so WebRTC can only pick loopback candidates
// (the recipe verified on these machines); elsewhere run as is.
const isolate = process.getuid?.() === 0 && process.env.E2E_NETNS !== '0' && spawnSync('unshare', ['-n', 'true']).status === 0;
const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
const withJanus = isolate && !!janus;
if (!withJanus && required && process.env.E2E_JANUS !== '0') {
  console.error(
    `end-to-end: ${janus ? 'root and unshare' : 'janus (apt-get install -y janus)'} needed for the multi-site test — required here, failing.`,
  );
  process.exit(1);
}
if (withJanus) {
  const made = spawnSync(
    process.execPath,
    [path.join(root, 'scripts/janus-config.mjs'), janusDir, '--ws-port', '8188', '--rtp', '20000-20999', '--enforce', 'd0'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (made.status !== 0) process.exit(1);
}
const script = withJanus
  ? [
      'ip link set lo up',
      'ip link add d0 type veth peer name d1 && ip addr add 127.0.0.2/32 dev d0 && ip link set d1 up && ip link set d0 up || exit 1',
      `${quote(janus)} -F ${quote(janusDir)} -o -L ${quote(path.join(janusDir, 'janus.log'))} > /dev/null 2>&1 & J=$!`,
      `${testCmd.map(quote).join(' ')}; r=$?`,
      'kill $J; wait $J 2>/dev/null; exit $r',
    ].join('\n')
  : `ip link set lo up && exec ${testCmd.map(quote).join(' ')}`;
const [cmd, args] = isolate ? ['unshare', ['-n', 'sh', '-c', script]] : [testCmd[0], testCmd.slice(1)];
if (isolate) console.log(`end-to-end: in a loopback-only network namespace${withJanus ? ', with Janus' : ''}`);
const r = spawnSync(cmd, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', CHROMIUM_PATH: chromium, ...(withJanus ? { E2E_JANUS_URL: 'ws://127.0.0.1:8188/' } : {}) },
});
if (withJanus && r.status !== 0) {
  // The Janus log helps when the multi-site test fails.
  const log = path.join(janusDir, 'janus.log');
  if (existsSync(log)) console.error(`Janus log: ${log}`);
} else rmSync(janusDir, { recursive: true, force: true });
process.exit(r.status ?? 1);
