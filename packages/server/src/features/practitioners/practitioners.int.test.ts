import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

let h: Harness;
let sys: string;
let a: { id: string };
let b: { id: string };
beforeAll(async () => {
  h = await createHarness();
  const sa = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
  sys = await h.signIn(sa.email);
  a = await h.build.facility({ provinceCode: '11' });
  b = await h.build.facility({ provinceCode: '01' });
});
afterAll(() => h.close());

const post = (url: string, payload: object, cookie = sys) => h.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const put = (url: string, payload: object, cookie = sys) => h.app.inject({ method: 'PUT', url, payload, headers: { cookie } });
type Page = { items: { id: string; fullName: string }[]; nextCursor: string | null };
const search = (qs: string) => h.app.inject({ url: `/api/practitioners?${qs}`, headers: { cookie: sys } }).then((r) => r.json<Page>());
const person = (licence: string, fullName: string, facilityId: string, extra: object = {}) => ({
  fullName,
  licenceNumber: licence,
  profession: 'doctor',
  scopeOfPractice: 'Khám bệnh, chữa bệnh chuyên khoa',
  specialties: ['cardiology'],
  memberships: [{ facilityId, position: 'Bác sĩ điều trị' }],
  ...extra,
});

describe('practitioner directory', () => {
  it('registers practitioners and finds them by name without diacritics, by licence, specialty, province and language', async () => {
    const lan = (await post('/api/practitioners', person('001234/DB-CCHN', 'Nguyễn Thị Lan', a.id, { languages: ['vi', 'lo'] }))).json<{
      id: string;
    }>();
    const duc = (await post('/api/practitioners', person('005678/HN-CCHN', 'Đỗ Minh Đức', b.id, { specialties: ['neurology'] }))).json<{
      id: string;
    }>();
    expect((await search('q=nguyen thi lan')).items.map((p) => p.id)).toEqual([lan.id]);
    expect((await search('q=do minh duc')).items.map((p) => p.id)).toEqual([duc.id]);
    expect((await search('q=005678')).items.map((p) => p.id)).toEqual([duc.id]);
    expect((await search('specialty=neurology')).items.map((p) => p.id)).toEqual([duc.id]);
    expect((await search('provinceCode=11')).items.map((p) => p.id)).toEqual([lan.id]);
    expect((await search('language=lo')).items.map((p) => p.id)).toEqual([lan.id]);
    expect((await search(`facilityId=${b.id}`)).items.map((p) => p.id)).toEqual([duc.id]);
    expect((await search('q=%25')).items).toEqual([]); // a LIKE wildcard in the query is a literal
  });

  it('pages by name without repeats or gaps', async () => {
    const f = await h.build.facility();
    const all = ['Bùi Văn Em', 'Bùi Văn An', 'Bùi Văn Châu', 'Bùi Văn Dũng', 'Bùi Văn Bình'];
    for (const [i, n] of all.entries()) expect((await post('/api/practitioners', person(`PAGE-${i}`, n, f.id))).statusCode).toBe(201);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(`facilityId=${f.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.items.map((p) => p.fullName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Bùi Văn An', 'Bùi Văn Bình', 'Bùi Văn Châu', 'Bùi Văn Dũng', 'Bùi Văn Em']);
  });

  it('finds a name fragment at the start and inside a name in one order, page after page', async () => {
    const f = await h.build.facility();
    // "hoa" starts two names (one has it again later: listed once) and sits inside three others: one merged order.
    const all = ['Hoàng Văn Tư', 'Hoa Thị Hoài', 'Lê Thị Hoa', 'Trần Hòa Bình', 'Đặng Khánh Hoà', 'Phạm Văn Nam'];
    for (const [i, n] of all.entries()) expect((await post('/api/practitioners', person(`SPLIT-${i}`, n, f.id))).statusCode).toBe(201);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(`q=hoa&facilityId=${f.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.items.map((p) => p.fullName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Đặng Khánh Hoà', 'Hoa Thị Hoài', 'Hoàng Văn Tư', 'Lê Thị Hoa', 'Trần Hòa Bình']);
  });

  it('matches a query of one or two letters at the start of a word only', async () => {
    const f = await h.build.facility();
    const all = ['An Văn Bình', 'Nguyễn Văn An', 'Trần Văn Hoan', 'Lê Thị Lan', 'Phạm Ân'];
    for (const [i, n] of all.entries()) expect((await post('/api/practitioners', person(`SHORT-${i}`, n, f.id))).statusCode).toBe(201);
    const names = async (q: string) => (await search(`q=${encodeURIComponent(q)}&facilityId=${f.id}`)).items.map((p) => p.fullName);
    expect(await names('an')).toEqual(['An Văn Bình', 'Nguyễn Văn An', 'Phạm Ân']);
    expect(await names('Lê')).toEqual(['Lê Thị Lan']);
    expect(await names('oan')).toEqual(['Trần Văn Hoan']); // three letters and more: anywhere
  });

  it('follows a practitioner to a facility in another province, and a facility that changes province', async () => {
    const here = await h.build.facility({ provinceCode: '04' });
    const there = await h.build.facility({ provinceCode: '08' });
    const moved = (await post('/api/practitioners', person('MOVE-1', 'Vi Văn Chuyển', here.id))).json<{ id: string }>();
    const inProvince = async (code: string) => (await search(`q=vi van chuyen&provinceCode=${code}`)).items.map((p) => p.id);
    expect(await inProvince('04')).toEqual([moved.id]);
    const body = person('MOVE-1', 'Vi Văn Chuyển', there.id);
    expect((await put(`/api/practitioners/${moved.id}`, body)).statusCode).toBe(200);
    expect(await inProvince('04')).toEqual([]);
    expect(await inProvince('08')).toEqual([moved.id]);
    await h.db.query(`UPDATE facility SET province_code = '12' WHERE id = $1`, [there.id]);
    expect(await inProvince('08')).toEqual([]);
    expect(await inProvince('12')).toEqual([moved.id]);
  });

  it('keeps a facility admin to the practitioners of their facility, and audits reads and changes', async () => {
    const admin = await h.build.user({ roles: [{ facilityId: a.id, role: 'facility_admin' }] });
    const cookie = await h.signIn(admin.email);
    const mine = await post('/api/practitioners', person('A-0001', 'Lò Thị Hoa', a.id), cookie);
    expect(mine.statusCode).toBe(201);
    expect((await post('/api/practitioners', person('A-0002', 'Người Khác', b.id), cookie)).statusCode).toBe(403);
    const id = mine.json<{ id: string }>().id;
    const moved = await put(
      `/api/practitioners/${id}`,
      { ...person('A-0001', 'Lò Thị Hoa', a.id), memberships: [{ facilityId: b.id, position: 'x x' }] },
      cookie,
    );
    expect(moved.statusCode).toBe(403);
    const renamed = await put(`/api/practitioners/${id}`, person('A-0001', 'Lò Thị Hoa Mai', a.id, { phone: '0912 000 111' }), cookie);
    expect(renamed.json()).toMatchObject({ fullName: 'Lò Thị Hoa Mai', phone: '0912000111' });
    await h.app.inject({ url: `/api/practitioners/${id}`, headers: { cookie } });
    const { rows } = await h.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(rows.map((r) => r.action)).toEqual(['practitioner.create', 'practitioner.update', 'practitioner.read']);
  });

  it('names the field at fault', async () => {
    const dup = await post('/api/practitioners', person('001234/DB-CCHN', 'Trùng Số', a.id));
    expect(dup.json()).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ field: 'licenceNumber' }] } } });
    const unknown = await post('/api/practitioners', person('Z-0001', 'Ai Đó', '00000000-0000-4000-8000-000000000001'));
    expect(unknown.json()).toMatchObject({ error: { details: { issues: [{ field: 'memberships.0.facilityId' }] } } });
    const noMembership = await post('/api/practitioners', person('Z-0002', 'Ai Đó', a.id, { memberships: [] }));
    expect(noMembership.json()).toMatchObject({ error: { details: { issues: [{ field: 'memberships' }] } } });
  });
});
