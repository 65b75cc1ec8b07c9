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

const post = (url: string, payload: object) => h.app.inject({ method: 'POST', url, payload, headers: { cookie: sys } });
const get = <T>(url: string) => h.app.inject({ url, headers: { cookie: sys } }).then((r) => r.json<T>());
const link = (hub: string, spoke: string, extra: object = {}) =>
  post('/api/support-links', { hubFacilityId: hub, spokeFacilityId: spoke, validFrom: '2026-01-01', ...extra });

describe('support links and hubs for a spoke', () => {
  it('names the hubs to ask for a specialty, nearest first, and follows links both ways', async () => {
    // A commune station in Lào Cai (no coordinates of its own: its province centre is used).
    const spoke = await h.build.facility({ provinceCode: '15', type: 'commune_health_station' });
    const hanoi = await h.build.facility({ provinceCode: '01', type: 'central_hospital', specialties: ['cardiology', 'neurology'] });
    const hue = await h.build.facility({ provinceCode: '46', type: 'central_hospital', specialties: ['cardiology'] });
    const hcm = await h.build.facility({
      provinceCode: '79',
      type: 'central_hospital',
      specialties: ['cardiology'],
      latitude: 10.7579,
      longitude: 106.6593,
    });
    const neuroOnly = await h.build.facility({ provinceCode: '01', type: 'central_hospital', specialties: ['cardiology', 'neurology'] });
    const expired = await h.build.facility({ provinceCode: '19', type: 'central_hospital', specialties: ['cardiology'] });
    for (const hub of [hcm, hue, hanoi]) expect((await link(hub.id, spoke.id)).statusCode).toBe(201);
    expect((await link(neuroOnly.id, spoke.id, { specialties: ['neurology'] })).statusCode).toBe(201);
    expect((await link(expired.id, spoke.id, { validFrom: '2024-01-01', validTo: '2025-01-01' })).statusCode).toBe(201);

    const hubs = await get<{ facility: { id: string }; distanceKm: number; onCallCount: number }[]>(
      `/api/facilities/${spoke.id}/hubs?specialty=cardiology`,
    );
    expect(hubs.map((x) => x.facility.id)).toEqual([hanoi.id, hue.id, hcm.id]);
    expect(hubs[0]!.distanceKm).toBeGreaterThan(100);
    expect(hubs[0]!.distanceKm).toBeLessThan(300); // Yên Bái – Hà Nội is about 130 km as the crow flies
    expect(hubs[2]!.distanceKm).toBeGreaterThan(1000);
    const neuro = await get<{ facility: { id: string } }[]>(`/api/facilities/${spoke.id}/hubs?specialty=neurology`);
    expect(neuro.map((x) => x.facility.id).sort()).toEqual([hanoi.id, neuroOnly.id].sort());

    const ofSpoke = await get<{ supports: unknown[]; supportedBy: { hub: { id: string }; active: boolean }[] }>(
      `/api/facilities/${spoke.id}/support-links`,
    );
    expect(ofSpoke.supports).toEqual([]);
    expect(ofSpoke.supportedBy).toHaveLength(5);
    expect(ofSpoke.supportedBy.find((l) => l.hub.id === expired.id)?.active).toBe(false);
    const ofHub = await get<{ supports: { spoke: { id: string } }[] }>(`/api/facilities/${hanoi.id}/support-links`);
    expect(ofHub.supports.map((l) => l.spoke.id)).toEqual([spoke.id]);
  });

  it('counts who is on call at each hub for the specialty', async () => {
    const spoke = await h.build.facility({ provinceCode: '11' });
    const hub = await h.build.facility({ provinceCode: '01', type: 'central_hospital', specialties: ['cardiology'] });
    await link(hub.id, spoke.id);
    const p = (
      await post('/api/practitioners', {
        fullName: 'PGS Trần Minh',
        licenceNumber: 'OC-0001',
        profession: 'doctor',
        scopeOfPractice: 'Tim mạch',
        specialties: ['cardiology'],
        memberships: [{ facilityId: hub.id, position: 'Trưởng khoa' }],
      })
    ).json<{ id: string }>();
    const now = Date.now();
    const shift = await post('/api/on-call-shifts', {
      practitionerId: p.id,
      facilityId: hub.id,
      specialty: 'cardiology',
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(shift.statusCode).toBe(201);
    const [suggestion] = await get<{ onCallCount: number }[]>(`/api/facilities/${spoke.id}/hubs?specialty=cardiology`);
    expect(suggestion?.onCallCount).toBe(1);
    const onCall = await get<{ practitionerName: string }[]>(`/api/on-call?facilityId=${hub.id}&specialty=cardiology`);
    expect(onCall.map((s) => s.practitionerName)).toEqual(['PGS Trần Minh']);
    const notTheirs = await post('/api/on-call-shifts', {
      practitionerId: p.id,
      facilityId: hub.id,
      specialty: 'neurology',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
    });
    expect(notTheirs.json()).toMatchObject({ error: { details: { issues: [{ field: 'specialty' }] } } });
    const elsewhere = await post('/api/on-call-shifts', {
      practitionerId: p.id,
      facilityId: spoke.id,
      specialty: 'cardiology',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
    });
    expect(elsewhere.json()).toMatchObject({ error: { details: { issues: [{ field: 'practitionerId' }] } } });
  });

  it('refuses overlapping links, specialties the hub lacks, self-links, and ends a link', async () => {
    const spoke = await h.build.facility();
    const hub = await h.build.facility({ type: 'central_hospital', specialties: ['oncology'] });
    const first = await link(hub.id, spoke.id, { validTo: '2026-12-31' });
    expect((await link(hub.id, spoke.id, { validFrom: '2026-06-01' })).statusCode).toBe(409);
    expect((await link(hub.id, spoke.id, { specialties: ['cardiology'], validFrom: '2027-01-01' })).json()).toMatchObject({
      error: { details: { issues: [{ field: 'specialties' }] } },
    });
    expect((await link(hub.id, hub.id)).json()).toMatchObject({ error: { details: { issues: [{ field: 'spokeFacilityId' }] } } });
    const id = first.json<{ id: string }>().id;
    const ended = await post(`/api/support-links/${id}/end`, { validTo: '2026-02-01' });
    expect(ended.json()).toMatchObject({ validTo: '2026-02-01', active: false });
    expect((await post(`/api/support-links/${id}/end`, { validTo: '2025-01-01' })).json()).toMatchObject({
      error: { details: { issues: [{ field: 'validTo' }] } },
    });
  });
});
