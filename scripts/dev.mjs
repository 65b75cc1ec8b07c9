#!/usr/bin/env node
// `npm run dev`: the server restarted on change (node --watch) on :8080 and Vite with hot reload on :5173,
// which proxies /api to the server. Open http://localhost:5173.
import { spawn } from 'node:child_process';

const procs = [
  spawn(process.execPath, ['--watch', '--import', 'tsx', 'packages/server/src/main.ts'], { stdio: 'inherit' }),
  spawn('npm', ['run', 'dev', '-w', '@vuonxa/web'], { stdio: 'inherit' }),
];
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => procs.forEach((p) => p.kill(sig)));
let left = procs.length;
procs.forEach((p) => p.on('exit', () => --left === 0 && process.exit(0)));
