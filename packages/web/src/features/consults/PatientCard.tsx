import type { Patient } from '@vuonxa/core';
import { DetailList } from '../../components/DetailList';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

/** Whole years between a birth date and today (UTC calendar). */
export function ageInYears(birthDate: string, today: Date = new Date()): number | null {
  const b = new Date(`${birthDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(b.getTime())) return null;
  let age = today.getUTCFullYear() - b.getUTCFullYear();
  const m = today.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < b.getUTCDate())) age--;
  return Math.max(0, age);
}

/** Who the patient is: identity, age and sex, how to reach them or their family. */
export function PatientCard({ patient: p }: { patient: Patient }) {
  const t = useT();
  const age = ageInYears(p.birthDate);
  return (
    <DetailList
      testId="patient-card"
      items={[
        { label: t('case.patient.name'), value: p.fullName },
        {
          label: t('case.patient.birthDate'),
          value: `${formatDate(p.birthDate, t.locale)}${age !== null ? ` (${t('case.patient.age', { age })})` : ''}`,
        },
        { label: t('case.patient.sex'), value: t(`case.sex.${p.sex}`) },
        { label: t('case.patient.citizenId'), value: p.citizenId },
        { label: t('case.patient.insurance'), value: p.insuranceNumber },
        { label: t('case.patient.phone'), value: p.phone },
        { label: t('case.patient.address'), value: p.address, wide: true },
        { label: t('case.patient.contact'), value: p.contactNote, wide: true },
      ]}
    />
  );
}
