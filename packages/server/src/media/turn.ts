import { createHmac } from 'node:crypto';
import type { IceServerConfig } from '@vuonxa/core';

/**
 * Short-lived TURN credentials in the form coturn's `use-auth-secret` expects (the "TURN REST API" draft):
 * username `<expiry unix time>:<user id>`, password base64(HMAC-SHA1(secret, username)). Nothing is stored; a
 * leaked credential stops working at its expiry.
 *
 * @example
 * turnCredentials({ urls: ['turn:turn.vuonxa.vn:3478'], secret: 's', ttlSeconds: 3600 }, 'u1', 1_700_000_000_000);
 */
export function turnCredentials(
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null,
  userId: string,
  nowMs: number,
): IceServerConfig[] {
  if (!turn || turn.urls.length === 0) return [];
  const username = `${Math.floor(nowMs / 1000) + turn.ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return [{ urls: turn.urls, username, credential }];
}
