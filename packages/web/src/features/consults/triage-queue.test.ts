import { describe, expect, it } from 'vitest';
import { queueProgress, refreshLimit } from './triage-queue';

describe('refreshLimit', () => {
  it('asks for the whole pages shown, a page at least, at most the server maximum', () => {
    expect(refreshLimit(0)).toBe(50);
    expect(refreshLimit(12)).toBe(50);
    expect(refreshLimit(50)).toBe(50);
    expect(refreshLimit(73)).toBe(100);
    expect(refreshLimit(130)).toBe(150);
    expect(refreshLimit(450)).toBe(200);
  });
});

describe('queueProgress', () => {
  it('says how many are shown out of how many wait while there is more', () => {
    expect(queueProgress(50, 73, true)).toEqual({ shown: 50, total: 73 });
    expect(queueProgress(100, 230, true)).toEqual({ shown: 100, total: 230 });
  });

  it('says nothing once everything is loaded', () => {
    expect(queueProgress(73, 73, false)).toBeNull();
    expect(queueProgress(0, 0, false)).toBeNull();
  });

  it('never says fewer than are shown when the queue grew since the count', () => {
    expect(queueProgress(100, 90, true)).toEqual({ shown: 100, total: 101 });
  });
});
