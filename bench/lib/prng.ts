/** A small seeded random source, so a generated dataset is the same for the same seed on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `k` distinct items in random order (all of them when `k` ≥ length). */
  sample<T>(items: readonly T[], k: number): T[];
  shuffle<T>(items: T[]): T[];
  /** A random (version 4 layout) UUID drawn from this stream: ids are known before insert and reproducible. */
  uuid(): string;
}

// FNV-1a: turns a stream name into a 32-bit number, so each table draws from its own independent stream and a
// change to one generator does not reshuffle the others.
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32: good statistical
 * quality, 32-bit integer arithmetic only, so it is exact and fast in JavaScript.
 *
 * @example
 * const rng = createRng(42, 'practitioners');
 * rng.int(1, 6); // the same sequence on every run with seed 42
 */
export function createRng(seed: number, stream = ''): Rng {
  let s = (seed ^ hashString(stream)) >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    sample: (items, k) => rng.shuffle([...items]).slice(0, Math.max(0, k)),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    uuid: () => {
      const h = hex(u32()) + hex(u32()) + hex(u32()) + hex(u32());
      const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return rng;
}

/**
 * Picks indexes with probability proportional to `weights` (cumulative sums and a binary search: O(log n) a draw).
 *
 * @example
 * const pickFamily = weightedPicker([38, 11, 9.5]);
 * pickFamily(rng); // 0 about 65% of the time
 */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += Math.max(0, w)));
  if (total <= 0) throw new Error('weights must not all be zero');
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Picks from `[value, weight]` pairs. */
export function weightedChoice<T>(rng: Rng, pairs: readonly (readonly [T, number])[]): T {
  const i = weightedPicker(pairs.map(([, w]) => w))(rng);
  return pairs[i]![0];
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder), each at least `min`.
 *
 * @example
 * allocate(10, [1, 1, 2]); // [3, 2, 5] or [2, 3, 5]: always sums to 10
 */
export function allocate(total: number, weights: readonly number[], min = 0): number[] {
  const base = weights.map(() => min);
  const rest = Math.max(0, total - min * weights.length);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * rest : 0));
  const floors = exact.map(Math.floor);
  let left = rest - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return base.map((b, i) => b + floors[i]!);
}
