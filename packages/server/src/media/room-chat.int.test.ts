import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db.js';
import { createHarness, type Harness } from '../../test/harness.js';
import { createRoomChat, sequenceIds } from './room-chat.js';

let h: Harness;
let sessionId: string;
let user: { id: string };

beforeAll(async () => {
  h = await createHarness();
  const hub = await h.build.facility();
  user = await h.build.user({ roles: [{ facilityId: hub.id, role: 'specialist' }], name: 'BS. Chủ trì' });
  const { rows } = await h.db.query<{ id: string }>(
    `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, room_id, created_by)
     VALUES ($1, 'Phiên thử', now(), now() + interval '1 hour', $2, $2, $3, $2) RETURNING id`,
    [hub.id, user.id, randomUUID()],
  );
  sessionId = rows[0]!.id;
});
afterAll(() => h.close());

/** The harness's database, with every relaxed write noted in `order` as it is sent. */
function watched(order: string[]): Db {
  const relaxed: Queryable = {
    query: (sql: string, params?: unknown[]) => {
      order.push('insert');
      return h.db.relaxed.query(sql, params);
    },
  };
  return { ...h.db, relaxed, query: h.db.query.bind(h.db) };
}

describe('room chat', () => {
  it('relays a line before it writes it, then keeps it with the session under the id it was relayed with', async () => {
    const order: string[] = [];
    const warned: object[] = [];
    const chat = createRoomChat({ db: watched(order), now: () => Date.now(), log: { warn: (o) => warned.push(o) } });
    const relayed: string[] = [];
    const { line, kept } = await chat.post('session', sessionId, { userId: user.id, name: 'BS. Chủ trì' }, 'Bắt đầu ca thứ nhất.', (l) => {
      order.push('send');
      relayed.push(l.id);
    });
    expect(order).toEqual(['send', 'insert']);
    expect(kept).toBe(true);
    expect(relayed).toEqual([line.id]);
    const { rows } = await h.db.query<{ id: string; text: string }>('SELECT id, text FROM session_chat WHERE session_id = $1', [sessionId]);
    expect(rows).toEqual([{ id: line.id, text: 'Bắt đầu ca thứ nhất.' }]);
    expect(warned).toEqual([]);
  });

  it('tells its sender when a relayed line could not be kept, and logs no text', async () => {
    const warned: object[] = [];
    const chat = createRoomChat({ db: h.db, now: () => Date.now(), log: { warn: (o) => warned.push(o) } });
    let sent = 0;
    const { kept } = await chat.post('session', randomUUID(), { userId: user.id, name: 'BS' }, 'Dòng không có phiên', () => sent++);
    expect(sent).toBe(1);
    expect(kept).toBe(false);
    expect(warned).toEqual([{ err: '23503', kind: 'session' }]);
    expect(JSON.stringify(warned)).not.toContain('Dòng');
  });

  it('reads the chat back in the order of its time, whichever instance took which block of ids', async () => {
    // Two instances: the second took its block first, so its ids are lower, but its line came later.
    let t = Date.parse('2026-11-27T08:00:00Z');
    const a = createRoomChat({ db: h.db, now: () => t, log: { warn: () => undefined } });
    const b = createRoomChat({ db: h.db, now: () => t, log: { warn: () => undefined } });
    const s = { userId: user.id, name: 'BS. Chủ trì' };
    const other = await h.db.query<{ id: string }>(
      `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, room_id, created_by)
       SELECT hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, $2, created_by FROM consult_session WHERE id = $1
       RETURNING id`,
      [sessionId, randomUUID()],
    );
    const id = other.rows[0]!.id;
    const first = await b.post('session', id, s, 'một', () => undefined);
    t += 1000;
    const second = await a.post('session', id, s, 'hai', () => undefined);
    t += 1000;
    const third = await b.post('session', id, s, 'ba', () => undefined);
    expect([first.kept, second.kept, third.kept]).toEqual([true, true, true]);
    expect(BigInt(second.line.id)).toBeGreaterThan(BigInt(third.line.id));
    expect((await a.history('session', id)).map((l) => l.text)).toEqual(['một', 'hai', 'ba']);
  });

  it('hands out ids of a sequence in blocks: unique across two holders, in order within one', async () => {
    const one = sequenceIds(h.db, 'session_chat_id_seq', 8);
    const two = sequenceIds(h.db, 'session_chat_id_seq', 8);
    const mine: bigint[] = [];
    const all = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const x = await one.next();
      const y = await two.next();
      mine.push(BigInt(x));
      all.add(x).add(y);
    }
    expect(all.size).toBe(100);
    expect([...mine].sort((p, q) => (p < q ? -1 : 1))).toEqual(mine);
    // Many asks at once share one refill.
    const burst = await Promise.all(Array.from({ length: 20 }, () => one.next()));
    expect(new Set(burst).size).toBe(20);
  });
});
