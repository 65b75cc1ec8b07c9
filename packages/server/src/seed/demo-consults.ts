import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { responseDueAt } from '@vuonxa/core';
import type { Queryable } from '../db/db.js';
import type { BlobStore } from '../lib/blob-store.js';
import { TRANSFER_SYNTAX, syntheticDicom, syntheticDicomJpeg } from './synthetic-dicom.js';
import type { SyntheticSlice } from './synthetic-dicom.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function putBlob(
  q: Queryable,
  store: BlobStore,
  bytes: Buffer,
  o: { kind: string; contentType: string; meta: object; facilityId: string; userId: string; thumb?: Buffer },
) {
  const hash = sha(bytes);
  const key = `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
  await store.put(key, bytes);
  let thumbKey: string | null = null;
  if (o.thumb) {
    thumbKey = `thumbs/${hash}.jpg`;
    await store.put(thumbKey, o.thumb);
  }
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO blob (sha256, size, kind, content_type, storage_key, thumbnail_key, meta, owner_facility_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [hash, bytes.length, o.kind, o.contentType, key, thumbKey, JSON.stringify(o.meta), o.facilityId, o.userId],
  );
  return rows[0]!.id;
}

/**
 * Two patients at the Y Tý commune station and one request already waiting in Bạch Mai's triage queue, with a
 * photo, a three-slice CT series and a four-slice JPEG ultrasound series, so a first-time visitor sees the
 * consultation loop with real files.
 */
export async function seedDemoConsults(q: Queryable, ids: Map<string, string>, store: BlobStore): Promise<void> {
  const station = ids.get('TYT-YTY')!;
  const hub = ids.get('BV-BACHMAI')!;
  const nurse = (await q.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'yta.yty@vuonxa.vn'`)).rows[0]!.id;
  const patients: string[] = [];
  for (const [name, dob, sex, cccd, bhyt] of [
    ['Sùng Thị Mỷ', '1961-05-02', 'female', '010161000321', 'HN4011511000321'],
    ['Lý A Chứ', '2019-09-14', 'male', null, 'TE1011511000777'],
  ] as const) {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO patient (full_name, birth_date, sex, citizen_id, insurance_number, insurance_key, address, province_code, created_by_facility_id)
       VALUES ($1, $2, $3, $4, $5, right($5, 10), 'Xã Y Tý, Tỉnh Lào Cai', '15', $6) RETURNING id`,
      [name, dob, sex, cccd, bhyt, station],
    );
    patients.push(rows[0]!.id);
    await q.query('INSERT INTO patient_facility (patient_id, facility_id, linked_by) VALUES ($1, $2, $3)', [rows[0]!.id, station, nurse]);
  }
  const submittedAt = new Date(Date.now() - 3 * 3_600_000);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO consult_request (ref, state, type, urgency, specialty, requesting_facility_id, requester_user_id, target_hub_id, patient_id,
       clinical, question, diagnoses, submitted_at, response_due_at, retain_until)
     VALUES ('HC-' || extract(year FROM now())::int || '-' || lpad(nextval('consult_ref_seq')::text, 6, '0'), 'submitted', 'remote_consultation',
       'urgent', 'cardiology', $1, $2, $3, $4, $5, $6, $7, $8, $9, now() + interval '10 years') RETURNING id`,
    [
      station,
      nurse,
      hub,
      patients[0],
      JSON.stringify({
        history: 'Tăng huyết áp 8 năm, điều trị không đều. Hai ngày nay đau đầu, chóng mặt, khó thở khi gắng sức.',
        examination: 'Tỉnh, phù nhẹ hai chi dưới, tim nhịp đều, phổi ran ẩm hai đáy.',
        vitals: {
          pulse: 102,
          systolic: 186,
          diastolic: 108,
          temperature: 36.8,
          respiratoryRate: 24,
          spo2: 92,
          weightKg: 52,
          heightCm: 150,
          glucoseMmol: null,
        },
        currentTreatment: 'Amlodipin 5 mg/ngày (tự ngừng 1 tuần).',
        testsDone: 'Điện tim tại trạm (ảnh đính kèm); siêu âm tim tại trạm (DICOM); phim chụp cắt lớp ngực tuyến huyện (DICOM).',
      }),
      'Xin ý kiến chẩn đoán suy tim do tăng huyết áp và hướng xử trí: điều trị tại trạm hay chuyển tuyến?',
      JSON.stringify([{ code: 'I10', kind: 'working', note: null }]),
      submittedAt,
      responseDueAt(submittedAt, 'urgent'),
    ],
  );
  const consultId = rows[0]!.id;
  await q.query(
    `INSERT INTO consult_event (consult_id, actor_user_id, action, from_state, to_state, at) VALUES ($1, $2, 'create', NULL, 'draft', $3), ($1, $2, 'submit', 'draft', 'submitted', $3)`,
    [consultId, nurse, submittedAt],
  );
  const photo = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#fdf6e3' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="640" height="360"><polyline fill="none" stroke="#c0392b" stroke-width="3" points="0,200 80,200 100,190 120,200 160,200 175,120 190,260 205,200 300,200 320,190 340,200 380,200 395,120 410,260 425,200 520,200 540,190 560,200 600,200 615,120 630,260 640,200"/></svg>',
        ),
        top: 0,
        left: 0,
      },
    ])
    .jpeg()
    .toBuffer();
  const files: [string, string][] = [];
  files.push([
    await putBlob(q, store, photo, {
      kind: 'image',
      contentType: 'image/jpeg',
      meta: { width: 640, height: 360 },
      facilityId: station,
      userId: nurse,
      thumb: await sharp(photo).resize(320).jpeg().toBuffer(),
    }),
    'dien-tim.jpg',
  ]);
  // A study as a DICOM upload stores it: one blob per instance, its header fields in the blob's meta.
  const addDicom = async (
    bytes: Buffer,
    s: SyntheticSlice & { rows: number; columns: number; modality: string },
    syntax: string,
    name: string,
  ) => {
    const meta = {
      studyUid: s.studyUid,
      seriesUid: s.seriesUid,
      seriesDescription: s.seriesDescription,
      modality: s.modality,
      seriesNumber: s.seriesNumber,
      instanceNumber: s.instanceNumber,
      rows: s.rows,
      columns: s.columns,
      studyDate: '20261127',
      bodyPart: null,
      transferSyntax: syntax,
      sopInstanceUid: s.sopInstanceUid,
    };
    files.push([
      await putBlob(q, store, bytes, { kind: 'dicom', contentType: 'application/dicom', meta, facilityId: station, userId: nurse }),
      name,
    ]);
  };
  for (let n = 1; n <= 3; n++) {
    const slice = {
      studyUid: '1.2.826.0.1.3680043.10.1234.7',
      seriesUid: '1.2.826.0.1.3680043.10.1234.7.1',
      sopInstanceUid: `1.2.826.0.1.3680043.10.1234.7.1.${n}`,
      seriesNumber: 1,
      instanceNumber: n,
      seriesDescription: 'Ngực — cắt ngang',
      modality: 'CT',
      rows: 128,
      columns: 128,
    };
    await addDicom(syntheticDicom(slice), slice, TRANSFER_SYNTAX.explicit, `CT000${n}.dcm`);
  }
  // The station's ultrasound sends JPEG baseline, as most ultrasound machines do: the viewer shows it too.
  for (let n = 1; n <= 4; n++) {
    const slice = {
      studyUid: '1.2.826.0.1.3680043.10.1234.8',
      seriesUid: '1.2.826.0.1.3680043.10.1234.8.1',
      sopInstanceUid: `1.2.826.0.1.3680043.10.1234.8.1.${n}`,
      seriesNumber: 1,
      instanceNumber: n,
      seriesDescription: 'Siêu âm tim',
      modality: 'US',
      rows: 120,
      columns: 160,
    };
    await addDicom(await syntheticDicomJpeg(slice), slice, TRANSFER_SYNTAX.jpeg, `US000${n}.dcm`);
  }
  for (const [blobId, filename] of files) {
    await q.query('INSERT INTO consult_attachment (consult_id, blob_id, filename, added_by, added_at) VALUES ($1, $2, $3, $4, $5)', [
      consultId,
      blobId,
      filename,
      nurse,
      submittedAt,
    ]);
  }
}
