import WebSocket from 'ws';
import type { ServerMessage } from '@vuonxa/core';

/** A signed-in socket on /api/ws that keeps every message and waits for the one a test expects. */
export async function roomClient(base: string, cookie: string) {
  const ws = new WebSocket(base, { headers: { cookie } });
  const got: ServerMessage[] = [];
  ws.on('message', (raw: Buffer) => got.push(JSON.parse(raw.toString('utf8')) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const until = async <T extends ServerMessage>(pred: (m: ServerMessage) => m is T, from = 0, tries = 100): Promise<T> => {
    for (let i = 0; i < tries; i++) {
      const m = got.slice(from).find(pred);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error(`no matching message among ${JSON.stringify(got).slice(0, 4000)}`);
  };
  const send = (m: object) => ws.send(JSON.stringify(m));
  return { ws, got, until, send };
}
export type RoomClient = Awaited<ReturnType<typeof roomClient>>;

export const is =
  <K extends ServerMessage['type']>(type: K) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: K }> =>
    m.type === type;
