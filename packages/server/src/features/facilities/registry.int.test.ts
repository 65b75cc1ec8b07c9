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

const send = (method: 'POST' | 'PUT', url: string, payload: object, cookie = sys) =>
  h.app.inject({ method, url, payload, headers: { cookie } });
const get = (url: string, cookie = sys) => h.app.inject({ url, headers: { cookie } });
const station = (code: string, extra: object = {}) => ({
  code,
  name: 'Trạm Y tế xã Y Tý',
  type: 'commune_health_station',
  technicalLevel: 'initial',
  provinceCode: '15',
  communeCode: '02701',
  ...extra,
});

describe('facilities', () => {
  it('creates a facility with all its registry fields and finds it without diacritics', async () => {
    const res = await send(
      'POST',
      '/api/facilities',
      station('tyt-yty-1', {
        nameEn: 'Y Ty Commune Health Station',
        specialties: ['family_medicine', 'paediatrics', 'family_medicine'],
        contactPhone: '0214 3888 999',
        eligibility: { declaredAt: '2026-03-01', scope: 'Tư vấn từ xa; hội chẩn với tuyến trên' },
        latitude: 22.64,
        longitude: 103.63,
      }),
    );
    expect(res.statusCode).toBe(201);
    const f = res.json<{
      id: string;
      code: string;
      specialties: string[];
      communeName: string;
      provinceName: string;
      eligibility: object;
    }>();
    expect(f).toMatchObject({
      code: 'TYT-YTY-1',
      specialties: ['family_medicine', 'paediatrics'],
      communeName: 'Xã Y Tý',
      provinceName: 'Tỉnh Lào Cai',
      eligibility: { declaredAt: '2026-03-01' },
    });
    const found = (await get('/api/facilities?q=tram y te xa y ty')).json<{ items: { id: string }[] }>();
    expect(found.items.map((x) => x.id)).toContain(f.id);
    const bySpecialty = (await get('/api/facilities?specialty=paediatrics&provinceCode=15')).json<{ items: { id: string }[] }>();
    expect(bySpecialty.items.map((x) => x.id)).toEqual([f.id]);
  });

  it('names the field at fault: commune outside the province, duplicate code, province for a foreign facility', async () => {
    const wrongCommune = await send('POST', '/api/facilities', station('TYT-X-1', { communeCode: '00004' }));
    expect(wrongCommune.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'communeCode' }] } } });
    await send('POST', '/api/facilities', station('TYT-DUP-1'));
    const dup = await send('POST', '/api/facilities', station('TYT-DUP-1'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: { details: { issues: [{ field: 'code' }] } } });
    const foreign = await send('POST', '/api/facilities', {
      code: 'LA-X-1',
      name: 'Bệnh viện Lào',
      type: 'foreign_partner_hospital',
      country: 'LA',
      provinceCode: '01',
    });
    expect(foreign.json()).toMatchObject({ error: { details: { issues: [{ field: 'provinceCode' }] } } });
    const ok = await send('POST', '/api/facilities', {
      code: 'LA-X-2',
      name: 'Bệnh viện Lào',
      type: 'foreign_partner_hospital',
      country: 'LA',
      provinceText: 'Champasak',
    });
    expect(ok.json()).toMatchObject({ country: 'LA', provinceName: 'Champasak' });
  });

  it('lets a facility admin update their facility but not the fields the network owns', async () => {
    const f = (await send('POST', '/api/facilities', station('TYT-ADM-1'))).json<{ id: string }>();
    const admin = await h.build.user({ roles: [{ facilityId: f.id, role: 'facility_admin' }] });
    const cookie = await h.signIn(admin.email);
    const ok = await send(
      'PUT',
      `/api/facilities/${f.id}`,
      station('TYT-ADM-1', { address: 'Thôn Y Tý', contactEmail: 'TYT@LaoCai.vn' }),
      cookie,
    );
    expect(ok.json()).toMatchObject({ address: 'Thôn Y Tý', contactEmail: 'tyt@laocai.vn' });
    const level = await send('PUT', `/api/facilities/${f.id}`, station('TYT-ADM-1', { technicalLevel: 'specialised' }), cookie);
    expect(level.statusCode).toBe(403);
    expect(level.json()).toMatchObject({ error: { details: { issues: [{ field: 'technicalLevel' }] } } });
    const other = (await send('POST', '/api/facilities', station('TYT-ADM-2'))).json<{ id: string }>();
    expect((await send('PUT', `/api/facilities/${other.id}`, station('TYT-ADM-2'), cookie)).statusCode).toBe(403);
  });

  it('pages the list by code without repeats', async () => {
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      type Page = { items: { code: string }[]; nextCursor: string | null };
      const page: Page = (await get(`/api/facilities?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json<Page>();
      codes.push(...page.items.map((x) => x.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('bridge sites', () => {
  it('adds and updates sites; the operator must belong to the facility; names are unique per facility', async () => {
    const f = await h.build.facility();
    const operator = await h.build.user({ roles: [{ facilityId: f.id, role: 'site_operator' }], name: 'Kỹ thuật viên' });
    const outsider = await h.build.user({ roles: [{ facilityId: (await h.build.facility()).id, role: 'site_operator' }] });
    const body = {
      name: 'Phòng hội chẩn',
      room: 'Tầng 2',
      equipment: ['camera', 'ecg', 'camera'],
      bandwidthKbps: 512,
      linkKind: 'satellite',
      operatorUserId: operator.id,
    };
    const created = await send('POST', `/api/facilities/${f.id}/sites`, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ equipment: ['camera', 'ecg'], operatorName: 'Kỹ thuật viên', status: 'active' });
    expect((await send('POST', `/api/facilities/${f.id}/sites`, body)).statusCode).toBe(409);
    const bad = await send('POST', `/api/facilities/${f.id}/sites`, { ...body, name: 'Phòng 2', operatorUserId: outsider.id });
    expect(bad.json()).toMatchObject({ error: { details: { issues: [{ field: 'operatorUserId' }] } } });
    const id = created.json<{ id: string }>().id;
    const upd = await send('PUT', `/api/sites/${id}`, { ...body, linkKind: '4g', status: 'maintenance' });
    expect(upd.json()).toMatchObject({ linkKind: '4g', status: 'maintenance' });
    expect((await get(`/api/facilities/${f.id}/sites`)).json()).toHaveLength(1);
  });
});

describe('network overview', () => {
  it('counts facilities by type, sites and communes with a site per province', async () => {
    const before = (await get('/api/network/overview')).json<{
      provinces: { provinceCode: string; facilities: number; communesWithSite: number; communes: number }[];
    }>();
    const f = await h.build.facility({ provinceCode: '96', type: 'commune_health_station' });
    await h.db.query(`UPDATE facility SET commune_code = (SELECT min(code) FROM commune WHERE province_code = '96') WHERE id = $1`, [f.id]);
    await send('POST', `/api/facilities/${f.id}/sites`, { name: 'Điểm cầu', linkKind: '4g' });
    const after = (await get('/api/network/overview')).json<typeof before & { byType: Record<string, number> }>();
    const b = before.provinces.find((p) => p.provinceCode === '96')!;
    const a = after.provinces.find((p) => p.provinceCode === '96')!;
    expect(a.facilities).toBe(b.facilities + 1);
    expect(a.communesWithSite).toBe(b.communesWithSite + 1);
    expect(a.communes).toBeGreaterThan(50);
    expect(after.provinces).toHaveLength(34);
  });
});
