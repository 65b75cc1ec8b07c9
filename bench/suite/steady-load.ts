// Open-loop load at a steady rate, in its own process: request i is due at start + i / rate whatever the answers
// before it, and its latency counts from when it was due (no coordinated omission). autocannon's `-R` sends each
// second's budget in a burst at the top of the second, which measures the latency of a burst, not of a rate.
// Input: one JSON argument { url, method, headers, body, rate, durationS, connections }. Output: one JSON line in the
// shape of autocannon's `--json` (the fields the suite reads), latencies in ms.
import http from 'node:http';

interface Input {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  rate: number;
  durationS: number;
  connections: number;
}

const o = JSON.parse(process.argv[2] ?? '{}') as Input;
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const latencies: number[] = [];
let ok = 0;
let non2xx = 0;
let errors = 0;
let inFlight = 0;

function fire(due: number): void {
  inFlight++;
  const req = http.request(o.url, { method: o.method, headers: o.headers, agent }, (res) => {
    res.on('data', () => undefined);
    res.on('end', () => {
      latencies.push(performance.now() - due);
      if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) ok++;
      else non2xx++;
      inFlight--;
    });
  });
  req.on('error', () => {
    errors++;
    inFlight--;
  });
  req.end(o.body);
}

const start = performance.now();
const total = Math.round(o.rate * o.durationS);
let next = 0;
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / o.rate <= now) fire(start + (next++ * 1000) / o.rate);
    if (next >= total) return resolve();
    setTimeout(tick, Math.max(0, start + (next * 1000) / o.rate - performance.now()));
  };
  tick();
});
const sentFor = (performance.now() - start) / 1000;
const deadline = performance.now() + 10_000;
while (inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
agent.destroy();

const s = [...latencies].sort((a, b) => a - b);
const at = (p: number) => Math.round((s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    duration: sentFor,
    errors,
    timeouts: inFlight,
    non2xx,
    '2xx': ok,
    latency: {
      mean: Math.round((s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) * 10) / 10,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      max: at(100),
    },
    requests: { total: next },
  })}\n`,
);
