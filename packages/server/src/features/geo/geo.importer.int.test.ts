import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@vuonxa/core';
import { createHarness, type Harness } from '../../../test/harness.js';
import { ADMIN_UNITS_FILE, REFERENCE_DIR } from '../../seed/reference-data.js';
import { importAdminUnits } from './geo.importer.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const n = async (sql: string) => (await h.db.query<{ n: number }>(sql)).rows[0]!.n;

describe('administrative units importer', () => {
  it('holds the 34 provinces and 3,321 communes of the official file', async () => {
    expect(await n('SELECT count(*)::int AS n FROM province WHERE valid_to IS NULL')).toBe(34);
    expect(await n('SELECT count(*)::int AS n FROM commune WHERE valid_to IS NULL')).toBe(3321);
  });

  it('is a no-op when re-run with the same file', async () => {
    const csv = await readFile(new URL(ADMIN_UNITS_FILE, REFERENCE_DIR), 'utf8');
    const r = await importAdminUnits(h.db, csv, '2025-07-01');
    expect(r).toEqual({
      provinces: { added: 0, renamed: 0, retired: 0, unchanged: 34 },
      communes: { added: 0, changed: 0, retired: 0, unchanged: 3321 },
    });
  });

  it('keeps history on a rename, retires a removed unit, and facilities keep pointing at it', async () => {
    const f = await h.db.query<{ id: string }>(
      "INSERT INTO facility (code, name, type, country, province_code, commune_code, address) VALUES ('T-GEO-1', 'Trạm thử', 'commune_health_station', 'VN', '01', '00008', 'Phường Ngọc Hà cũ') RETURNING id",
    );
    const csv = await readFile(new URL(ADMIN_UNITS_FILE, REFERENCE_DIR), 'utf8');
    const next = csv
      .split('\n')
      .filter((l) => !l.includes(',00008,'))
      .join('\n')
      .replace('00004,Phường Ba Đình', '00004,Phường Ba Đình Mới');
    const r = await importAdminUnits(h.db, next, '2027-01-01');
    expect(r.communes).toMatchObject({ changed: 1, retired: 1, added: 0 });
    const hist = await h.db.query('SELECT name, valid_from::text, valid_to::text FROM admin_unit_history WHERE code = $1', ['00004']);
    expect(hist.rows).toEqual([{ name: 'Phường Ba Đình', valid_from: '2025-07-01', valid_to: '2027-01-01' }]);
    const retired = await h.db.query('SELECT valid_to::text FROM commune WHERE code = $1', ['00008']);
    expect(retired.rows[0]).toEqual({ valid_to: '2027-01-01' });
    const fac = await h.db.query('SELECT commune_code, address FROM facility WHERE id = $1', [f.rows[0]!.id]);
    expect(fac.rows[0]).toEqual({ commune_code: '00008', address: 'Phường Ngọc Hà cũ' });
    // re-importing the original restores the unit in force
    const back = await importAdminUnits(h.db, csv, '2027-02-01');
    expect(back.communes).toMatchObject({ changed: 2 });
    expect(await n('SELECT count(*)::int AS n FROM commune WHERE valid_to IS NULL')).toBe(3321);
  });

  it('moves facilities to the commune that replaces theirs, keeping their address text', async () => {
    await h.db.query(
      "INSERT INTO facility (code, name, type, country, province_code, commune_code, address) VALUES ('T-GEO-2', 'Trạm sáp nhập', 'commune_health_station', 'VN', '01', '00025', 'Phường Giảng Võ (cũ)')",
    );
    const csv = await readFile(new URL(ADMIN_UNITS_FILE, REFERENCE_DIR), 'utf8');
    const lines = csv.trimEnd().split(/\r?\n/);
    const merged = [
      `${lines[0]},replaces`,
      ...lines
        .slice(1)
        .filter((l) => !l.includes(',00025,'))
        .map((l) => (l.includes(',00070,') ? `${l},00025` : `${l},`)),
    ].join('\n');
    await importAdminUnits(h.db, merged, '2027-04-01');
    const old = await h.db.query('SELECT valid_to::text, replaced_by FROM commune WHERE code = $1', ['00025']);
    expect(old.rows[0]).toEqual({ valid_to: '2027-04-01', replaced_by: '00070' });
    const fac = await h.db.query("SELECT commune_code, province_code, address FROM facility WHERE code = 'T-GEO-2'");
    expect(fac.rows[0]).toEqual({ commune_code: '00070', province_code: '01', address: 'Phường Giảng Võ (cũ)' });
    await importAdminUnits(h.db, csv, '2027-05-01');
  });

  it('reports every bad row by line and field and imports nothing', async () => {
    const before = await n('SELECT count(*)::int AS n FROM commune');
    const csv =
      'province_code,province_name,commune_code,commune_name\n01,Thành phố Hà Nội,99991,Xã Mới\n1,Hà Nội,99992,Xã Khác\n01,Thành phố Hà Nội,999,\n';
    const err = await importAdminUnits(h.db, csv, '2027-03-01').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual({
      rows: [
        { line: 3, field: 'province_code', message: 'two digits expected' },
        { line: 4, field: 'commune_code', message: 'five digits expected' },
        { line: 4, field: 'commune_name', message: 'required' },
      ],
    });
    expect(await n('SELECT count(*)::int AS n FROM commune')).toBe(before);
  });
});
