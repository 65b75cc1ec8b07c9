import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clamdScanner } from '../src/lib/malware-scanner.js';
import { freePort } from './free-port.js';

/** ClamAV's daemon from Debian (`apt-get install clamav-daemon`); CI installs it, and then its tests must run. */
export const clamdBinary = ['/usr/sbin/clamd', '/usr/local/sbin/clamd'].find((p) => existsSync(p)) ?? null;
export const clamdRequired = !!process.env.CI || process.env.CLAMD_REQUIRED === '1';

/** Bytes that the test signature database flags: a file that carries them is "infected". */
export const TEST_MALWARE_MARKER = 'VUONXA-MALWARE-TEST-MARKER';

export interface RunningClamd {
  address: string;
  stop(): Promise<void>;
}

/**
 * A private clamd on a free port. Its database is one body signature of our own (`.ndb`) instead of ClamAV's
 * downloaded ones, which this network cannot fetch: the daemon, the protocol and the verdicts are the real ones.
 */
export async function startClamd(): Promise<RunningClamd> {
  if (!clamdBinary) throw new Error('clamd is not installed (apt-get install -y clamav-daemon)');
  const dir = await mkdtemp(path.join(tmpdir(), 'vx-clamd-'));
  const port = await freePort();
  await writeFile(path.join(dir, 'vuonxa-test.ndb'), `Vuonxa.Test.Marker:0:*:${Buffer.from(TEST_MALWARE_MARKER).toString('hex')}\n`);
  const conf = path.join(dir, 'clamd.conf');
  await writeFile(
    conf,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${dir}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      'LogFile /dev/null',
      ...(process.getuid?.() === 0 ? ['User root'] : []),
    ].join('\n') + '\n',
  );
  const child = spawn(clamdBinary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const address = `127.0.0.1:${port}`;
  const scanner = clamdScanner({ address, timeoutMs: 2_000 });
  const deadline = Date.now() + 30_000;
  while (!(await scanner.ping())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`clamd did not start: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
