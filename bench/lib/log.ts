/** Progress lines for the bench scripts (the lint rule bans console; these are CLI tools, stdout is their UI). */
export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Milliseconds since `t0` (from `performance.now()`), formatted for progress lines. */
export function since(t0: number): string {
  const ms = performance.now() - t0;
  return ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
