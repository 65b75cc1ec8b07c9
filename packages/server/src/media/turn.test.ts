import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { turnCredentials } from './turn.js';

describe('turnCredentials', () => {
  it('issues coturn use-auth-secret credentials that expire', () => {
    const [s] = turnCredentials(
      { urls: ['turn:t.example:3478?transport=udp'], secret: 'bi-mat', ttlSeconds: 600 },
      'user-1',
      1_000_000_000_000,
    );
    expect(s!.username).toBe('1000000600:user-1');
    expect(s!.credential).toBe(createHmac('sha1', 'bi-mat').update('1000000600:user-1').digest('base64'));
    expect(s!.urls).toEqual(['turn:t.example:3478?transport=udp']);
  });

  it('gives no servers when TURN is not configured (LAN and loopback need none)', () => {
    expect(turnCredentials(null, 'u', 0)).toEqual([]);
  });
});
