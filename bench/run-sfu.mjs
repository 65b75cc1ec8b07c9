#!/usr/bin/env node
// `npm run bench:sfu -- [--sites 5,10] [--window 20] [--warmup 5] [--mode-window 10] [--keep-config]`
// Starts a throwaway Janus in a loopback-only network namespace (Janus gathers no ICE candidates on loopback, so a
// veth holding 127.0.0.2 is added and enforced) and runs bench/sfu.ts beside it, then stops Janus. Needs root
// (unshare -n, ip link).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJanusConfig } from '../scripts/janus-config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep-config');
const benchArgs = args.filter((a) => a !== '--keep-config');

if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(
    'bench:sfu needs root: it runs Janus and Chromium in their own network namespace (unshare -n) with a veth ' +
      '(ip link add). Run it as root, e.g. `sudo npm run bench:sfu`.',
  );
  process.exit(2);
}
for (const [cmd, why] of [
  ['janus', 'apt-get install -y janus'],
  ['unshare', 'util-linux'],
  ['ip', 'apt-get install -y iproute2'],
]) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) {
    console.error(`bench:sfu needs \`${cmd}\` (${why}).`);
    process.exit(2);
  }
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`bench:sfu needs Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  process.exit(2);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'vx-sfu-bench-'));
writeJanusConfig(dir, { wsPort: 8188, rtpRange: '20000-20999', enforce: 'd0' });

// Inside the namespace: lo up, veth d0 (127.0.0.2) ↔ d1, Janus in the background, the bench, then Janus stopped.
const script = `
ip link set lo up && ip link add d0 type veth peer name d1 && ip addr add 127.0.0.2/32 dev d0 &&
  ip link set d1 up && ip link set d0 up || exit 3
janus -F "$JANUS_DIR" -o -L "$JANUS_DIR/janus.log" > /dev/null 2>&1 &
J=$!
trap 'kill $J 2>/dev/null' INT TERM
JANUS_PID=$J node --import tsx bench/sfu.ts "$@"
r=$?
kill $J 2>/dev/null
wait $J 2>/dev/null
exit $r`;
const child = spawn('unshare', ['-n', 'sh', '-c', script, 'sh', ...benchArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JANUS_DIR: dir },
});
// Ctrl-C reaches the whole foreground group (Janus, node, Chromium); just wait for them.
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => {
  const rc = code ?? (signal ? 1 : 0);
  if (rc !== 0) {
    const logFile = path.join(dir, 'janus.log');
    if (existsSync(logFile)) {
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
      console.error(`\n--- last lines of ${logFile} ---\n${tail}`);
    }
    if (rc === 3) console.error('Could not set up the network namespace (veth d0 with 127.0.0.2).');
  }
  if (keep) console.error(`Janus configuration and log kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  process.exit(rc);
});
