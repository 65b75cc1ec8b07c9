import { readFile } from 'node:fs/promises';
import type { FacilityType, Role } from '@vuonxa/core';
import type { Db, Queryable } from '../db/db.js';
import { usersRepo } from '../features/users/users.repo.js';
import type { PasswordHasher } from '../lib/passwords.js';
import type { BlobStore } from '../lib/blob-store.js';
import { seedDemoConsults } from './demo-consults.js';
import { seedDemoHomecare } from './demo-homecare.js';
import { seedDemoRegistry } from './demo-registry.js';
import { importHubHospitals } from './hub-hospitals.importer.js';
import { REFERENCE_DIR } from './reference-data.js';

/** The password of every demo account (README). Demo mode only: never seeded on a real database unless asked. */
export const DEMO_PASSWORD = 'VuonXa-Demo-2026';

interface DemoFacility {
  code: string;
  name: string;
  nameEn: string;
  nameLo?: string;
  nameKm?: string;
  type: FacilityType;
  level: 'initial' | 'basic' | 'specialised';
  country: 'VN' | 'LA' | 'KH';
  provinceCode?: string;
  provinceText?: string;
  communeCode?: string;
  address: string;
}

// Spokes in the mountains (Điện Biên, Lào Cai) and on an island (Lý Sơn), plus the two cross-border partners.
const FACILITIES: DemoFacility[] = [
  {
    code: 'BV-DK-DIENBIEN',
    name: 'Bệnh viện Đa khoa tỉnh Điện Biên',
    nameEn: 'Dien Bien Provincial General Hospital',
    type: 'provincial_hospital',
    level: 'basic',
    country: 'VN',
    provinceCode: '11',
    communeCode: '03127',
    address: 'Phường Điện Biên Phủ, Tỉnh Điện Biên',
  },
  {
    code: 'TTYT-KV-MUONGNHE',
    name: 'Trung tâm Y tế khu vực Mường Nhé',
    nameEn: 'Muong Nhe Regional Health Centre',
    type: 'regional_health_centre',
    level: 'basic',
    country: 'VN',
    provinceCode: '11',
    communeCode: '03160',
    address: 'Xã Mường Nhé, Tỉnh Điện Biên',
  },
  {
    code: 'TYT-YTY',
    name: 'Trạm Y tế xã Y Tý',
    nameEn: 'Y Ty Commune Health Station',
    type: 'commune_health_station',
    level: 'initial',
    country: 'VN',
    provinceCode: '15',
    communeCode: '02701',
    address: 'Xã Y Tý, Tỉnh Lào Cai',
  },
  {
    code: 'TYT-LYSON',
    name: 'Trạm Y tế đặc khu Lý Sơn',
    nameEn: 'Ly Son Special Zone Health Station',
    type: 'commune_health_station',
    level: 'initial',
    country: 'VN',
    provinceCode: '51',
    communeCode: '21548',
    address: 'Đặc khu Lý Sơn, Tỉnh Quảng Ngãi',
  },
  {
    code: 'LA-MAHOSOT',
    name: 'Bệnh viện Mahosot',
    nameEn: 'Mahosot Hospital',
    nameLo: 'ໂຮງໝໍມະໂຫສົດ',
    type: 'foreign_partner_hospital',
    level: 'specialised',
    country: 'LA',
    provinceText: 'Vientiane Capital',
    address: 'Vientiane, Lao PDR',
  },
  {
    code: 'KH-CALMETTE',
    name: 'Bệnh viện Calmette',
    nameEn: 'Calmette Hospital',
    nameKm: 'មន្ទីរពេទ្យកាល់ម៉ែត',
    type: 'foreign_partner_hospital',
    level: 'specialised',
    country: 'KH',
    provinceText: 'Phnom Penh',
    address: 'Phnom Penh, Cambodia',
  },
];

interface DemoUser {
  displayName: string;
  email?: string;
  phone?: string;
  roles: { facility: string | null; role: Role }[];
}

/** One account per role (README lists them); two hold different roles at different facilities. */
export const DEMO_USERS: DemoUser[] = [
  { displayName: 'Quản trị hệ thống', email: 'admin@vuonxa.vn', roles: [{ facility: null, role: 'system_admin' }] },
  { displayName: 'Lò Văn Hùng', email: 'quantri.dienbien@vuonxa.vn', roles: [{ facility: 'BV-DK-DIENBIEN', role: 'facility_admin' }] },
  { displayName: 'Nguyễn Thị Mai', email: 'dieuphoi.bachmai@vuonxa.vn', roles: [{ facility: 'BV-BACHMAI', role: 'coordinator' }] },
  {
    displayName: 'PGS.TS. Trần Văn Minh',
    email: 'bs.minh@vuonxa.vn',
    roles: [
      { facility: 'BV-BACHMAI', role: 'specialist' },
      { facility: 'BV-DK-DIENBIEN', role: 'specialist' },
    ],
  },
  { displayName: 'TS. Phạm Thu Hà', email: 'bs.ha@vuonxa.vn', roles: [{ facility: 'BV-BACHMAI', role: 'specialist' }] },
  {
    displayName: 'Giàng Thị Súa',
    email: 'yta.yty@vuonxa.vn',
    roles: [
      { facility: 'TYT-YTY', role: 'clinician' },
      { facility: 'BV-DK-DIENBIEN', role: 'trainee' },
    ],
  },
  { displayName: 'Phạm Văn Tới', email: 'kythuat.lyson@vuonxa.vn', roles: [{ facility: 'TYT-LYSON', role: 'site_operator' }] },
  { displayName: 'Hoàng Văn Páo', phone: '0912345678', roles: [{ facility: 'BV-DK-DIENBIEN', role: 'patient' }] },
  { displayName: 'Vàng A Dế', email: 'hocvien@vuonxa.vn', roles: [{ facility: 'TTYT-KV-MUONGNHE', role: 'trainee' }] },
];

async function insertFacilities(q: Queryable): Promise<void> {
  for (const f of FACILITIES) {
    await q.query(
      `INSERT INTO facility (code, name, name_en, name_lo, name_km, type, technical_level, country, province_code, province_text, commune_code, address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (code) DO NOTHING`,
      [
        f.code,
        f.name,
        f.nameEn,
        f.nameLo ?? null,
        f.nameKm ?? null,
        f.type,
        f.level,
        f.country,
        f.provinceCode ?? null,
        f.provinceText ?? null,
        f.communeCode ?? null,
        f.address,
      ],
    );
  }
}

/**
 * Seeds demo data once (marked in app_setting): the hub hospitals from reference data, the demo spokes and
 * partners, and one user per role. Returns false when already seeded.
 */
export async function seedDemo(db: Db, hasher: PasswordHasher, store?: BlobStore): Promise<boolean> {
  // Warm starts stop here, before the deliberately slow password hash.
  if ((await db.query("SELECT 1 FROM app_setting WHERE key = 'demo_seeded'")).rowCount) return false;
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const hubs = await readFile(new URL('hub-hospitals.csv', REFERENCE_DIR), 'utf8');
  return db.tx(async (q) => {
    // Several instances may start together on one database: one seeds, the others wait and see it done.
    await q.query('SELECT pg_advisory_xact_lock(77152003)');
    const done = await q.query("SELECT 1 FROM app_setting WHERE key = 'demo_seeded'");
    if (done.rowCount) return false;
    await importHubHospitals(q, hubs);
    await insertFacilities(q);
    const ids = new Map((await q.query<{ id: string; code: string }>('SELECT id, code FROM facility')).rows.map((r) => [r.code, r.id]));
    for (const u of DEMO_USERS) {
      const userId = await usersRepo.insert(q, { displayName: u.displayName, email: u.email, phone: u.phone, passwordHash, locale: 'vi' });
      for (const r of u.roles) await usersRepo.grant(q, userId, r.facility ? ids.get(r.facility)! : null, r.role, userId);
    }
    await seedDemoRegistry(q, ids);
    if (store) await seedDemoConsults(q, ids, store);
    await seedDemoHomecare(q, ids, Date.now());
    await q.query("INSERT INTO app_setting (key, value) VALUES ('demo_seeded', to_jsonb(now()))");
    return true;
  });
}
