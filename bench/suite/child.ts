// Baseline servers run in their own process (never in the load generator's, never in the app's): spawned with tsx,
// they print `listening <port>` once ready.
import { spawn } from 'node:child_process';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Runs `script` (a bench TypeScript file) with `env`, and resolves when it prints `listening <port>`. */
export async function startChildServer(root: string, script: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s: ${err.join('')}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      buf += c;
      const m = /listening (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${err.join('').slice(-2000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
