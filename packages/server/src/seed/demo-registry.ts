import type { Queryable } from '../db/db.js';

// Demo network around the demo facilities: what they offer, their bridge sites, who supports them, a few
// practitioners (two of them demo accounts) and an on-call roster, so every registry screen has something real.
const SPECIALTIES: Record<string, string[]> = {
  'BV-DK-DIENBIEN': [
    'general_internal',
    'cardiology',
    'paediatrics',
    'obstetrics_gynaecology',
    'general_surgery',
    'emergency_icu',
    'radiology',
    'infectious_disease',
  ],
  'TTYT-KV-MUONGNHE': ['general_internal', 'paediatrics', 'obstetrics_gynaecology', 'family_medicine', 'traditional_medicine'],
  'TYT-YTY': ['family_medicine', 'general_internal', 'paediatrics'],
  'TYT-LYSON': ['family_medicine', 'general_internal', 'paediatrics'],
  'LA-MAHOSOT': ['general_internal', 'general_surgery', 'paediatrics', 'cardiology'],
  'KH-CALMETTE': ['general_internal', 'cardiology', 'general_surgery'],
};

// [facility, name, room, equipment, kbps, link kind, operator e-mail]
const SITES: [string, string, string, string[], number, string, string | null][] = [
  [
    'BV-BACHMAI',
    'Trung tâm Hội chẩn từ xa',
    'Nhà P, tầng 3',
    ['camera', 'microphone', 'display', 'document_camera'],
    100_000,
    'fibre',
    null,
  ],
  [
    'BV-BACHMAI',
    'Phòng giao ban trực tuyến Viện Tim mạch',
    'Viện Tim mạch',
    ['camera', 'microphone', 'display', 'ecg'],
    50_000,
    'fibre',
    null,
  ],
  ['BV-VIETDUC', 'Phòng hội chẩn phẫu thuật', 'Khu mổ', ['camera', 'microphone', 'display'], 100_000, 'fibre', null],
  ['BV-CHORAY', 'Trung tâm Hội chẩn từ xa', 'Khu A', ['camera', 'microphone', 'display'], 100_000, 'fibre', null],
  [
    'BV-DK-DIENBIEN',
    'Phòng hội chẩn',
    'Khu hành chính, tầng 2',
    ['camera', 'microphone', 'display', 'ultrasound', 'ecg'],
    20_000,
    'fibre',
    null,
  ],
  ['TTYT-KV-MUONGNHE', 'Phòng giao ban', 'Tầng 1', ['camera', 'microphone', 'ecg'], 4_000, 'adsl', null],
  ['TYT-YTY', 'Điểm cầu trạm', 'Phòng khám', ['camera', 'microphone', 'vital_signs_monitor'], 1_500, '4g', null],
  [
    'TYT-LYSON',
    'Điểm cầu đặc khu',
    'Phòng cấp cứu',
    ['camera', 'microphone', 'ecg', 'dermatoscope'],
    768,
    'satellite',
    'kythuat.lyson@vuonxa.vn',
  ],
  ['LA-MAHOSOT', 'Telemedicine room', 'Building 1', ['camera', 'microphone', 'display'], 10_000, 'fibre', null],
  ['KH-CALMETTE', 'Telemedicine room', 'Main building', ['camera', 'microphone', 'display'], 10_000, 'fibre', null],
];

// [hub, spoke, specialties (empty: all the hub offers)]
const LINKS: [string, string, string[]][] = [
  ['BV-BACHMAI', 'BV-DK-DIENBIEN', []],
  ['BV-VIETDUC', 'BV-DK-DIENBIEN', ['general_surgery', 'orthopaedics_trauma', 'neurosurgery']],
  ['BV-DK-DIENBIEN', 'TTYT-KV-MUONGNHE', []],
  ['BV-BACHMAI', 'TYT-YTY', []],
  ['BV-NHITW', 'TYT-YTY', []],
  ['BV-DKTW-QUANGNAM', 'TYT-LYSON', []],
  ['BV-TWHUE', 'TYT-LYSON', []],
  ['BV-BACHMAI', 'LA-MAHOSOT', []],
  ['BV-VIETDUC', 'LA-MAHOSOT', []],
  ['BV-CHORAY', 'KH-CALMETTE', []],
];

// [licence, name, profession, specialties, languages, facility, position, account e-mail, on call for]
const PEOPLE: [string, string, string, string[], string[], string, string, string | null, string | null][] = [
  [
    '001023/HN-CCHN',
    'PGS.TS. Trần Văn Minh',
    'doctor',
    ['cardiology', 'general_internal'],
    ['vi', 'en'],
    'BV-BACHMAI',
    'Phó Viện trưởng Viện Tim mạch',
    'bs.minh@vuonxa.vn',
    'cardiology',
  ],
  [
    '001187/HN-CCHN',
    'TS. Phạm Thu Hà',
    'doctor',
    ['cardiology'],
    ['vi', 'en'],
    'BV-BACHMAI',
    'Bác sĩ Viện Tim mạch',
    'bs.ha@vuonxa.vn',
    'cardiology',
  ],
  [
    '002311/HN-CCHN',
    'BSCKII. Lê Quang Huy',
    'doctor',
    ['emergency_icu'],
    ['vi'],
    'BV-BACHMAI',
    'Trưởng khoa Cấp cứu',
    null,
    'emergency_icu',
  ],
  [
    '002498/HN-CCHN',
    'TS. Nguyễn Thị Thanh Hương',
    'doctor',
    ['infectious_disease'],
    ['vi', 'en', 'lo'],
    'BV-BACHMAI',
    'Trung tâm Bệnh nhiệt đới',
    null,
    'infectious_disease',
  ],
  ['003054/HN-CCHN', 'ThS. Vũ Đức Anh', 'doctor', ['oncology'], ['vi'], 'BV-BACHMAI', 'Trung tâm Y học hạt nhân và Ung bướu', null, null],
  [
    '004410/HN-CCHN',
    'PGS.TS. Đỗ Mạnh Cường',
    'doctor',
    ['general_surgery', 'neurosurgery'],
    ['vi', 'en'],
    'BV-VIETDUC',
    'Trưởng khoa Phẫu thuật thần kinh',
    null,
    'neurosurgery',
  ],
  [
    '005120/HCM-CCHN',
    'BSCKII. Huỳnh Thị Kim Oanh',
    'doctor',
    ['cardiology'],
    ['vi', 'km'],
    'BV-CHORAY',
    'Khoa Tim mạch can thiệp',
    null,
    'cardiology',
  ],
  [
    '000871/DB-CCHN',
    'BSCKI. Lò Văn Thắng',
    'doctor',
    ['general_internal', 'cardiology'],
    ['vi', 'lo'],
    'BV-DK-DIENBIEN',
    'Trưởng khoa Nội',
    null,
    null,
  ],
  ['000902/DB-CCHN', 'Quàng Thị Xuân', 'nurse', ['paediatrics'], ['vi'], 'TTYT-KV-MUONGNHE', 'Điều dưỡng trưởng', null, null],
  ['000233/LC-CCHN', 'Giàng Thị Súa', 'nurse', ['family_medicine'], ['vi'], 'TYT-YTY', 'Y sĩ phụ trách trạm', 'yta.yty@vuonxa.vn', null],
  [
    'LA-0451',
    'Dr. Somphone Keomany',
    'doctor',
    ['general_internal', 'cardiology'],
    ['lo', 'vi', 'en'],
    'LA-MAHOSOT',
    'Internal medicine',
    null,
    null,
  ],
];

export async function seedDemoRegistry(q: Queryable, ids: Map<string, string>): Promise<void> {
  const id = (code: string) => ids.get(code)!;
  for (const [code, specialties] of Object.entries(SPECIALTIES)) {
    await q.query(
      `UPDATE facility SET specialties = $2, eligibility_declared_at = '2026-01-15',
         eligibility_scope = 'Tư vấn từ xa, hội chẩn từ xa với tuyến trên (Thông tư 30/2023/TT-BYT)' WHERE code = $1`,
      [code, specialties],
    );
  }
  for (const [f, name, room, equipment, kbps, kind, operator] of SITES) {
    await q.query(
      `INSERT INTO bridge_site (facility_id, name, room, equipment, bandwidth_kbps, link_kind, operator_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM app_user WHERE email = $7))`,
      [id(f), name, room, equipment, kbps, kind, operator],
    );
  }
  for (const [hub, spoke, specialties] of LINKS) {
    await q.query(
      `INSERT INTO support_link (hub_facility_id, spoke_facility_id, specialties, valid_from) VALUES ($1, $2, $3, '2026-01-01')`,
      [id(hub), id(spoke), specialties],
    );
  }
  for (const [licence, name, profession, specialties, languages, f, position, email, onCall] of PEOPLE) {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO practitioner (full_name, licence_number, profession, scope_of_practice, specialties, languages, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM app_user WHERE email = $7)) RETURNING id`,
      [name, licence, profession, 'Khám bệnh, chữa bệnh theo chuyên khoa được cấp phép', specialties, languages, email],
    );
    const pid = rows[0]!.id;
    await q.query('INSERT INTO practitioner_membership (practitioner_id, facility_id, position) VALUES ($1, $2, $3)', [
      pid,
      id(f),
      position,
    ]);
    // A demo roster: on call around the clock for the next fortnight, so "who is on call" always answers.
    if (onCall) {
      await q.query(
        `INSERT INTO on_call_shift (practitioner_id, facility_id, specialty, starts_at, ends_at)
         SELECT $1, $2, $3, d, d + interval '1 day' FROM generate_series(date_trunc('day', now()), now() + interval '14 days', interval '1 day') AS d`,
        [pid, id(f), onCall],
      );
    }
  }
}
