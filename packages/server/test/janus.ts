import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Janus from Debian (`apt-get install janus`); CI installs it, and then its tests must run. */
export const janusBinary = ['/usr/bin/janus', '/usr/local/bin/janus'].find((p) => existsSync(p)) ?? null;
export const janusRequired = !!process.env.CI || process.env.JANUS_REQUIRED === '1';

export interface RunningJanus {
  url: string;
  recordDir: string;
  stop(): Promise<void>;
}

/** A private Janus (its own config folder and ports) from the project's templates in deploy/janus/. */
export async function startJanus(): Promise<RunningJanus> {
  if (!janusBinary) throw new Error('janus is not installed (apt-get install -y janus)');
  const dir = await mkdtemp(path.join(tmpdir(), 'vx-janus-'));
  const port = await freePort();
  // Each instance its own slice of RTP ports, so parallel test files never collide.
  const low = 20_000 + (port % 200) * 100;
  const made = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/janus-config.mjs'), path.join(dir, 'conf'), '--ws-port', String(port), '--rtp', `${low}-${low + 99}`],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`janus-config failed: ${made.stderr}`);
  const child: ChildProcess = spawn(janusBinary, ['-F', path.join(dir, 'conf'), '-o', '-L', path.join(dir, 'janus.log')], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`janus exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('janus did not listen in 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `ws://127.0.0.1:${port}/`,
    recordDir: path.join(dir, 'recordings'),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A syntactically complete SDP offer for Janus, as a browser would send it (no media ever flows: the server-side
 * tests check the signaling, rooms and rights; the browser tests check media).
 */
export function fakeOffer(
  kind: 'audio' | 'video',
  direction: 'sendrecv' | 'sendonly' = kind === 'audio' ? 'sendrecv' : 'sendonly',
): string {
  const ufrag = Math.random().toString(36).slice(2, 10);
  const pwd = `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.slice(0, 24);
  const fp = Array.from({ length: 32 }, () =>
    Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0')
      .toUpperCase(),
  ).join(':');
  const media =
    kind === 'audio'
      ? ['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1']
      : ['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=rtpmap:96 VP8/90000', 'a=rtcp-fb:96 nack', 'a=rtcp-fb:96 nack pli'];
  return [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    media[0],
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fp}`,
    'a=setup:actpass',
    'a=mid:0',
    `a=${direction}`,
    'a=rtcp-mux',
    ...media.slice(1),
    `a=ssrc:${Math.floor(Math.random() * 2 ** 31)} cname:test`,
    '',
  ].join('\r\n');
}
