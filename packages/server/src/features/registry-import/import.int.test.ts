import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

let h: Harness;
let sys: string;
beforeAll(async () => {
  h = await createHarness();
  const sa = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
  sys = await h.signIn(sa.email);
});
afterAll(() => h.close());

const FAC_HEADER =
  'code,name,name_en,type,technical_level,country,province_code,province_text,commune_code,specialties,latitude,longitude,active';
const imp = (kind: string, csv: string, dryRun = false) =>
  h.app.inject({ method: 'POST', url: `/api/registry/import/${kind}`, payload: { csv, dryRun }, headers: { cookie: sys } });
const count = async (sql: string) => (await h.db.query<{ n: number }>(sql)).rows[0]!.n;
type Err = { error: { code: string; details: { rows: { line: number; field: string; message: string }[]; total: number } } };

/** 1,000 commune stations spread over the communes of the reference list. */
async function stations(n: number, prefix: string): Promise<string> {
  const { rows } = await h.db.query<{ code: string; province_code: string; name: string }>(
    'SELECT code, province_code, name FROM commune ORDER BY code LIMIT $1',
    [n],
  );
  return [
    FAC_HEADER,
    ...rows.map(
      (c, i) =>
        `${prefix}-${i},"Trạm Y tế ${c.name}",,commune_health_station,initial,VN,${c.province_code},,${c.code},family_medicine;paediatrics,,,true`,
    ),
  ].join('\n');
}

describe('bulk import of facilities', () => {
  it('imports 1,000 facilities in one go, then updates them on a second run', async () => {
    const csv = await stations(1000, 'TYT-IMP');
    const check = await imp('facilities', csv, true);
    expect(check.json()).toEqual({ kind: 'facilities', rows: 1000, created: 1000, updated: 0, dryRun: true });
    expect(await count("SELECT count(*)::int AS n FROM facility WHERE code LIKE 'TYT-IMP-%'")).toBe(0);
    const first = await imp('facilities', csv);
    expect(first.json()).toEqual({ kind: 'facilities', rows: 1000, created: 1000, updated: 0, dryRun: false });
    expect(await count("SELECT count(*)::int AS n FROM facility WHERE code LIKE 'TYT-IMP-%' AND 'paediatrics' = ANY (specialties)")).toBe(
      1000,
    );
    expect((await imp('facilities', csv, true)).json()).toMatchObject({ created: 0, updated: 1000, dryRun: true });
    const again = await imp('facilities', csv.replace('Trạm Y tế', 'Trạm Y tế mới'));
    expect(again.json()).toMatchObject({ created: 0, updated: 1000 });
    const audit = await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'registry.import' AND outcome = 'success'");
    expect(audit).toBe(2);
  });

  it('reports every bad row by line and column and imports nothing', async () => {
    const csv = [
      FAC_HEADER,
      'TYT-BAD-1,Trạm tốt,,commune_health_station,initial,VN,15,,02701,,,,',
      'TYT-BAD-2,Trạm sai loại,,clinic,initial,VN,15,,02701,,,,',
      'TYT-BAD-3,Trạm sai xã,,commune_health_station,initial,VN,15,,00004,,,,',
      'TYT-BAD-1,Trùng mã,,commune_health_station,initial,VN,15,,02701,,,,',
      'TYT-BAD-5,Trạm,,commune_health_station,basic,VN,99,,,cardio,22.1,,maybe',
      '"TYT-BAD-6","Tên ""có"" ngoặc, và phẩy",,commune_health_station,initial,VN,15,,02701,,,,',
    ].join('\r\n');
    const res = await imp('facilities', csv);
    expect(res.statusCode).toBe(400);
    const body = res.json<Err>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const where = body.error.details.rows.map((r) => `${r.line}:${r.field}`);
    expect(where).toEqual(expect.arrayContaining(['3:type', '4:commune_code', '5:code', '6:specialties', '6:active', '6:province_code']));
    expect(where.some((w) => w.startsWith('2:') || w.startsWith('7:'))).toBe(false);
    expect(await count("SELECT count(*)::int AS n FROM facility WHERE code LIKE 'TYT-BAD-%'")).toBe(0);
  });

  it('refuses a file with a missing or unknown column, naming it', async () => {
    const res = await imp('facilities', 'code,name,colour\nX-1,Tên,red\n');
    expect(res.json<Err>().error.details.rows).toEqual([
      { line: 1, field: 'type', message: 'missing column' },
      { line: 1, field: 'colour', message: 'unknown column' },
    ]);
  });
});

describe('bulk import of sites and practitioners, and export', () => {
  it('imports sites and practitioners against facility codes, and rejects unknown codes', async () => {
    await imp('facilities', [FAC_HEADER, 'BV-IMP-1,Bệnh viện nhập,,provincial_hospital,basic,VN,11,,,cardiology,,,'].join('\n'));
    const sites = await imp(
      'sites',
      'facility_code,name,room,equipment,bandwidth_kbps,link_kind,status\nBV-IMP-1,Phòng hội chẩn,P.201,camera;ecg,20000,fibre,active\nBV-NONE,Phòng,,,,4g,\n',
    );
    expect(sites.json<Err>().error.details.rows).toEqual([{ line: 3, field: 'facility_code', message: 'unknown facility' }]);
    const okSites = await imp('sites', 'facility_code,name,equipment,link_kind\nbv-imp-1,Phòng hội chẩn,camera;ecg,fibre\n');
    expect(okSites.json()).toMatchObject({ created: 1 });
    const header =
      'licence_number,full_name,profession,scope_of_practice,specialties,languages,email,phone,availability,facility_code,position';
    const prs = await imp(
      'practitioners',
      `${header}\n000111/DB-CCHN,Lò Văn Tâm,doctor,Khám chữa bệnh nội khoa,cardiology,vi;lo,,0912 345 000,available,BV-IMP-1,Bác sĩ\n000112/DB-CCHN,Quàng Thị Xuân,nurse,Điều dưỡng,,vi,not-an-email,,,BV-IMP-1,Điều dưỡng\n`,
    );
    expect(prs.json<Err>().error.details.rows).toEqual([{ line: 3, field: 'email', message: expect.any(String) }]);
    const okPrs = await imp(
      'practitioners',
      `${header}\n000111/DB-CCHN,Lò Văn Tâm,doctor,Khám chữa bệnh nội khoa,cardiology,vi;lo,,0912 345 000,available,BV-IMP-1,Bác sĩ\n`,
    );
    expect(okPrs.json()).toMatchObject({ created: 1 });
    const found = await h.app.inject({ url: '/api/practitioners?q=lo van tam', headers: { cookie: sys } });
    expect(found.json()).toMatchObject({
      items: [{ licenceNumber: '000111/DB-CCHN', languages: ['vi', 'lo'], memberships: [{ position: 'Bác sĩ' }] }],
    });
  });

  it('exports in the import format, and the export imports back unchanged', async () => {
    const res = await h.app.inject({ url: '/api/registry/export/facilities?provinceCode=11', headers: { cookie: sys } });
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="vuonxa-facilities-/);
    const csv = res.body;
    expect(csv.startsWith('\uFEFFcode,name,name_en')).toBe(true);
    expect(csv).toContain('BV-IMP-1,Bệnh viện nhập');
    const back = await imp('facilities', csv);
    expect(back.json()).toMatchObject({ created: 0, updated: csv.trim().split('\n').length - 1 });
    const prs = await h.app.inject({ url: '/api/registry/export/practitioners', headers: { cookie: sys } });
    expect(prs.body).toContain(
      '000111/DB-CCHN,Lò Văn Tâm,doctor,Khám chữa bệnh nội khoa,cardiology,vi;lo,,0912345000,available,BV-IMP-1,Bác sĩ',
    );
    expect((await imp('practitioners', prs.body)).json()).toMatchObject({ created: 0, updated: 1 });
  });
});
