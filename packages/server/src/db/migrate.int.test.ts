import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.js';
import { migrate } from './migrate.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('migrations', () => {
  it('are recorded and not re-applied', async () => {
    expect(await migrate(h.db)).toEqual({ applied: [] });
    const { rows } = await h.db.query<{ version: string }>('SELECT version FROM schema_migration ORDER BY version');
    expect(rows.map((r) => r.version)).toContain('0001_foundation');
  });

  it('refuse to run when an applied file was edited', async () => {
    await h.db.query("UPDATE schema_migration SET checksum = 'edited' WHERE version = '0001_foundation'");
    await expect(migrate(h.db)).rejects.toThrow(/changed after it was applied/);
  });

  it('roll back a whole transaction when a statement fails', async () => {
    await expect(
      h.db.tx(async (q) => {
        await q.query("INSERT INTO app_setting (key, value) VALUES ('tx-test', '1')");
        await q.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow();
    const { rowCount } = await h.db.query("SELECT 1 FROM app_setting WHERE key = 'tx-test'");
    expect(rowCount).toBe(0);
  });
});

describe('relaxed commits', () => {
  it('commit the audit rows of reads without waiting for the flush, and everything else with it', async () => {
    const setting = async (q: { query: typeof h.db.query }) =>
      (await q.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    expect(await setting(h.db.relaxed)).toBe('off');
    expect(await setting(h.db)).toBe('on');
    expect(await h.db.tx((q) => setting(q))).toBe('on');
  });
});
