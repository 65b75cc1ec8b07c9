import type { SpecialtyCode } from '@vuonxa/core';
import type { Rng } from '../lib/prng.js';
import type { GenFacility } from './facilities.generator.js';
import type { Staffing } from './practitioners.generator.js';

export interface GenShift {
  id: string;
  practitionerId: string;
  facilityId: string;
  specialty: SpecialtyCode;
  startsAt: string;
  endsAt: string;
}

const HOUR = 3_600_000;
// On call now per specialty, and days of past and future rosters kept, by hub tier.
const ROSTER = {
  central_hospital: { now: 3, days: 14 },
  provincial_hospital: { now: 2, days: 14 },
  specialised_hospital: { now: 2, days: 7 },
  regional_health_centre: { now: 1, days: 0 },
} as const;

/**
 * On-call rosters of the hubs: per specialty a few doctors on a 24-hour shift covering `now` (now − 12 h to
 * now + 12 h), plus one shift a day for the days around it so the table holds history and plans.
 */
export function generateShifts(rng: Rng, facilities: GenFacility[], staff: Staffing, now: Date): GenShift[] {
  const shifts: GenShift[] = [];
  const t0 = now.getTime();
  const shift = (practitionerId: string, f: GenFacility, specialty: SpecialtyCode, day: number) =>
    shifts.push({
      id: rng.uuid(),
      practitionerId,
      facilityId: f.id,
      specialty,
      startsAt: new Date(t0 + (day * 24 - 12) * HOUR).toISOString(),
      endsAt: new Date(t0 + (day * 24 + 12) * HOUR).toISOString(),
    });
  for (const f of facilities) {
    const roster = ROSTER[f.type as keyof typeof ROSTER] as (typeof ROSTER)[keyof typeof ROSTER] | undefined;
    if (!roster) continue;
    const staffIdx = staff.staffOf.get(f.id) ?? [];
    for (const specialty of f.specialties) {
      const doctors = staffIdx
        .map((i) => staff.practitioners[i]!)
        .filter((p) => p.profession === 'doctor' && p.specialties.includes(specialty));
      if (doctors.length === 0) continue;
      for (const p of rng.sample(doctors, roster.now)) shift(p.id, f, specialty, 0);
      for (let day = -roster.days; day <= roster.days / 2; day++) if (day !== 0) shift(rng.pick(doctors).id, f, specialty, day);
    }
  }
  return shifts;
}
