import type { Db } from '../db/db.js';

export interface ChatLine {
  id: string;
  userId: string;
  name: string;
  text: string;
  at: string;
}

type ChatKind = 'session' | 'visit';

/** Where a room's chat is kept: with the consultation session, or with the visit (its messages). */
const TABLES: Record<ChatKind, { table: string; key: string; sequence: string }> = {
  session: { table: 'session_chat', key: 'session_id', sequence: 'session_chat_id_seq' },
  visit: { table: 'visit_message', key: 'visit_id', sequence: 'visit_message_id_seq' },
};

/** Ids taken from a sequence at a time; a new block is asked for when half of one is left. */
const BLOCK = 128;

/**
 * Ids of a bigserial table, taken from its sequence in blocks so that a row's id is known before its INSERT.
 * `next()` resolves at once while the block lasts (the next block is fetched in the background when half is used).
 * Ids stay unique across instances (each block is the instance's own); they are not in time order across instances,
 * which is why the chat is read in the order of its time, then id.
 */
export function sequenceIds(db: Db, sequence: string, block = BLOCK) {
  let ids: string[] = [];
  let refill: Promise<void> | null = null;
  const fill = (): Promise<void> =>
    (refill ??= db
      .query<{ id: string }>('SELECT nextval($1::regclass)::text AS id FROM generate_series(1, $2)', [sequence, block])
      .then(({ rows }) => {
        ids = ids.concat(rows.map((r) => r.id));
      })
      .finally(() => {
        refill = null;
      }));
  return {
    async next(): Promise<string> {
      if (ids.length <= block / 2) fill().catch(() => undefined);
      // Several callers may wait on one refill, more of them than it brings: each waits until one is its own.
      while (ids.length === 0) await fill();
      return ids.shift()!;
    },
  };
}

/**
 * The chat of live rooms. A line is relayed to the room first and kept right after (`send` is called before the
 * INSERT is sent): its id comes from a block of the table's sequence and its time from this process, so nobody
 * waits for the database to see it (issue 7, B5: storing first put 0.5–1.5 ms of the database into every line's way
 * to the other sites). The row is written on the relaxed connections (no wait for the disk's flush). If the row
 * cannot be written, the sender is told (`kept(false)`): the line was seen but is not in the record.
 */
export function createRoomChat(deps: { db: Db; now: () => number; log: { warn: (obj: object, msg: string) => void } }) {
  const { db, log } = deps;
  const ids: Record<ChatKind, ReturnType<typeof sequenceIds>> = {
    session: sequenceIds(db, TABLES.session.sequence),
    visit: sequenceIds(db, TABLES.visit.sequence),
  };

  return {
    /** The last 200 lines, oldest first. */
    async history(kind: ChatKind, ownerId: string): Promise<ChatLine[]> {
      const { table, key } = TABLES[kind];
      const { rows } = await db.query<{ id: string; user_id: string; name: string; text: string; at: Date }>(
        `SELECT * FROM (SELECT c.id, c.user_id, u.display_name AS name, c.text, c.at FROM ${table} c JOIN app_user u ON u.id = c.user_id
          WHERE c.${key} = $1 ORDER BY c.at DESC, c.id DESC LIMIT 200) x ORDER BY at, id`,
        [ownerId],
      );
      return rows.map((m) => ({ id: m.id, userId: m.user_id, name: m.name, text: m.text, at: m.at.toISOString() }));
    },

    /** Relays a line with `send`, then keeps it; resolves with whether it was kept. */
    async post(
      kind: ChatKind,
      ownerId: string,
      from: { userId: string; name: string },
      text: string,
      send: (line: ChatLine) => void,
    ): Promise<{ line: ChatLine; kept: boolean }> {
      const { table, key } = TABLES[kind];
      const id = await ids[kind].next();
      const at = new Date(deps.now());
      const line: ChatLine = { id, userId: from.userId, name: from.name, text, at: at.toISOString() };
      send(line);
      try {
        await db.relaxed.query(`INSERT INTO ${table} (id, ${key}, user_id, text, at) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          ownerId,
          from.userId,
          text,
          at,
        ]);
        return { line, kept: true };
      } catch (err) {
        // The message text is personal health data: only the error's kind is logged.
        log.warn({ err: (err as { code?: string }).code ?? 'unknown', kind }, 'chat line not kept');
        return { line, kept: false };
      }
    },
  };
}
