import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@vuonxa/core';
import { createHarness, type Harness } from '../../../test/harness.js';
import { importIcd10 } from './icd10.importer.js';

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await createHarness();
  const f = await h.build.facility();
  const u = await h.build.user({ roles: [{ facilityId: f.id, role: 'clinician' }] });
  cookie = await h.signIn(u.email);
});
afterAll(() => h.close());

const search = (q: string) =>
  h.app
    .inject({ url: `/api/icd10?q=${encodeURIComponent(q)}`, headers: { cookie } })
    .then((r) => r.json<{ code: string; nameVi: string; chapter: string }[]>());

// The shape of the ministry's CSV export of its ICD-10 appendix (heading rows have no code).
const MINISTRY = [
  'STT,Chương,Nhóm 3 ký tự,MÃ,MÃ BỆNH KHÔNG DẤU,DISEASE NAME WHO 2019 (ENGLISH),TÊN BỆNH',
  '1,Chương IV,,,,"Endocrine, nutritional and metabolic diseases",Bệnh nội tiết, dinh dưỡng và chuyển hoá',
  '2,Chương IV,E11,E11,E11,Type 2 diabetes mellitus,Bệnh đái tháo đường type 2',
  '3,Chương IV,E11,E11.9,E119,Type 2 diabetes mellitus without complications,Bệnh đái tháo đường type 2 không có biến chứng',
  '4,Chương IX,I10,I10,I10,Essential (primary) hypertension,Tăng huyết áp vô căn (nguyên phát)',
]
  .join('\n')
  .replace('Bệnh nội tiết, dinh dưỡng và chuyển hoá', '"Bệnh nội tiết, dinh dưỡng và chuyển hoá"');

describe('ICD-10', () => {
  it('starts with the codes of the Circular 30/2023 list', async () => {
    const [obesity] = await search('E66');
    expect(obesity).toMatchObject({ code: 'E66', nameVi: 'Béo phì', chapter: 'IV' });
  });

  it("imports the ministry's file: names in both languages, chapters from the codes, headings skipped", async () => {
    const r = await importIcd10(h.db, MINISTRY, 'moh-icd10');
    expect(r).toEqual({ rows: 4, imported: 3, skipped: 1 });
    expect(await search('dai thao duong type 2 khong')).toEqual([
      {
        code: 'E11.9',
        nameVi: 'Bệnh đái tháo đường type 2 không có biến chứng',
        nameEn: 'Type 2 diabetes mellitus without complications',
        chapter: 'IV',
      },
    ]);
    const byPrefix = await search('e11');
    expect(byPrefix.map((x) => x.code).slice(0, 2)).toEqual(['E11', 'E11.9']);
    expect((await search('hypertension'))[0]?.code).toBe('I10');
  });

  it('refuses a file with a bad code, naming line and column, and imports nothing', async () => {
    const bad = ['code,name_vi', 'J45.9,Hen phế quản', 'X1,Sai mã', 'J45.9,Trùng'].join('\n');
    const err = await importIcd10(h.db, bad, 'test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual({
      rows: [
        { line: 3, field: 'code', message: 'not an ICD-10 code: X1' },
        { line: 4, field: 'code', message: 'duplicate of line 2' },
      ],
    });
    expect(await search('J45')).toEqual([]);
  });
});
