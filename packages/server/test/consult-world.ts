import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { UPLOAD_CHUNK_BYTES } from '@vuonxa/core';
import { syntheticDicom } from '../src/seed/synthetic-dicom.js';
import type { Harness } from './harness.js';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A real JPEG (decodable), `w`×`h`. */
export const jpeg = (w = 64, h = 48) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();

export const dicomSlice = (n: number, series = 1) =>
  syntheticDicom({
    studyUid: '1.2.826.0.1.3680043.10.1234.1',
    seriesUid: `1.2.826.0.1.3680043.10.1234.1.${series}`,
    sopInstanceUid: `1.2.826.0.1.3680043.10.1234.1.${series}.${n}`,
    seriesNumber: series,
    instanceNumber: n,
    seriesDescription: 'Axial',
  });

/**
 * A commune station asking a provincial hub: a clinician at the station, a coordinator and three specialists at
 * the hub, another hub with its coordinator, and a registered patient.
 */
export async function consultWorld(h: Harness) {
  const spoke = await h.build.facility({ name: 'Trạm Y tế xã Lý Sơn', type: 'commune_health_station', latitude: 15.38, longitude: 109.12 });
  const hub = await h.build.facility({
    name: 'Bệnh viện Đa khoa tỉnh Quảng Ngãi',
    specialties: ['cardiology'],
    latitude: 15.12,
    longitude: 108.8,
  });
  const hub2 = await h.build.facility({
    name: 'Bệnh viện Trung ương Huế',
    specialties: ['cardiology'],
    latitude: 16.46,
    longitude: 107.59,
  });
  const clinician = await h.build.user({ roles: [{ facilityId: spoke.id, role: 'clinician' }], name: 'Y sĩ Trạm' });
  const coordinator = await h.build.user({ roles: [{ facilityId: hub.id, role: 'coordinator' }], name: 'Điều phối viên' });
  const chair = await h.build.user({ roles: [{ facilityId: hub.id, role: 'specialist' }], name: 'BS. Chủ trì' });
  const specialist = await h.build.user({ roles: [{ facilityId: hub.id, role: 'specialist' }], name: 'BS. Chuyên khoa' });
  const secretary = await h.build.user({ roles: [{ facilityId: hub.id, role: 'specialist' }], name: 'BS. Thư ký' });
  const coordinator2 = await h.build.user({ roles: [{ facilityId: hub2.id, role: 'coordinator' }], name: 'Điều phối Huế' });
  const cookies = {
    clinician: await h.signIn(clinician.email),
    coordinator: await h.signIn(coordinator.email),
    chair: await h.signIn(chair.email),
    specialist: await h.signIn(specialist.email),
    secretary: await h.signIn(secretary.email),
    coordinator2: await h.signIn(coordinator2.email),
  };
  const reg = await h.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers: { cookie: cookies.clinician },
    payload: {
      facilityId: spoke.id,
      fullName: 'Nguyễn Thị Hoà',
      birthDate: '1958-03-14',
      sex: 'female',
      citizenId: '051158001234',
      insuranceNumber: 'HT3515123456789',
    },
  });
  if (reg.statusCode !== 201) throw new Error(`patient: ${reg.body}`);
  const patientId = reg.json<{ patient: { id: string } }>().patient.id;
  return { spoke, hub, hub2, clinician, coordinator, chair, specialist, secretary, coordinator2, cookies, patientId };
}
export type World = Awaited<ReturnType<typeof consultWorld>>;

/** Uploads `bytes` in chunks through the resumable protocol and returns the blob. */
export async function upload(
  h: Harness,
  cookie: string,
  facilityId: string,
  bytes: Buffer,
  filename: string,
): Promise<{ id: string; kind: string; meta: Record<string, unknown> }> {
  const start = await h.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { cookie },
    payload: { filename, size: bytes.length, sha256: sha256(bytes), facilityId },
  });
  if (start.statusCode !== 201) throw new Error(`upload start: ${start.body}`);
  const id = start.json<{ id: string }>().id;
  for (let off = 0; off < bytes.length; off += UPLOAD_CHUNK_BYTES) {
    const res = await h.app.inject({
      method: 'PUT',
      url: `/api/uploads/${id}/chunk?offset=${off}`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: bytes.subarray(off, off + UPLOAD_CHUNK_BYTES),
    });
    if (res.statusCode !== 200) throw new Error(`chunk: ${res.body}`);
  }
  const done = await h.app.inject({ method: 'POST', url: `/api/uploads/${id}/complete`, headers: { cookie } });
  if (done.statusCode !== 200) throw new Error(`complete ${done.statusCode}: ${done.body}`);
  return done.json();
}

/** A complete draft body for the world's spoke → hub. */
export function draftBody(w: World, o: Partial<Record<string, unknown>> = {}) {
  return {
    facilityId: w.spoke.id,
    type: 'remote_consultation',
    urgency: 'urgent',
    specialty: 'cardiology',
    targetHubId: w.hub.id,
    patientId: w.patientId,
    clinical: {
      history: 'Tăng huyết áp 10 năm, bỏ thuốc 1 tuần; đau đầu, nhìn mờ từ sáng.',
      examination: 'Mạch 96, HA 210/120, tỉnh, không yếu liệt.',
      vitals: { pulse: 96, systolic: 210, diastolic: 120, spo2: 97 },
      currentTreatment: 'Amlodipin 5 mg',
      testsDone: 'Điện tim: dày thất trái',
    },
    question: 'Xin ý kiến xử trí cơn tăng huyết áp: điều trị tại trạm hay chuyển tuyến?',
    diagnoses: [{ code: 'I10', kind: 'working' }],
    ...o,
  };
}
