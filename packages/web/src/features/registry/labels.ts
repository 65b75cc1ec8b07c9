import {
  AVAILABILITY,
  COUNTRIES,
  EQUIPMENT,
  FACILITY_TYPES,
  LINK_KINDS,
  LOCALES,
  PROFESSIONS,
  SITE_STATUSES,
  SPECIALTIES,
  SPECIALTY_CODES,
  TECHNICAL_LEVELS,
} from '@vuonxa/core';
import type { Locale, SpecialtyCode } from '@vuonxa/core';
import { formatNumber } from '../../i18n/format';
import { LOCALE_NAMES } from '../../i18n/i18n';
import type { Translator } from '../../i18n/i18n';

export interface Option {
  value: string;
  label: string;
}

/**
 * A specialty's name in the reader's language: core carries Vietnamese and English names (the clinical
 * department names); Lao and Khmer readers see English until a medical translator provides theirs.
 *
 * @example
 * specialtyName('cardiology', 'vi'); // 'Tim mạch'
 */
export function specialtyName(code: SpecialtyCode, locale: Locale): string {
  const names = SPECIALTIES[code];
  return locale === 'vi' ? names.vi : names.en;
}

/** Every specialty as a select option, sorted by its name in the reader's language. */
export function specialtyOptions(locale: Locale): Option[] {
  return SPECIALTY_CODES.map((code) => ({ value: code, label: specialtyName(code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
}

/** Whether a string is one of core's specialty codes (from the address bar, a select). */
export function isSpecialty(value: string): value is SpecialtyCode {
  return Object.hasOwn(SPECIALTIES, value);
}

/** Options for the registry's fixed lists, labelled from the catalogs. */
export function registryOptions(t: Translator) {
  return {
    facilityTypes: FACILITY_TYPES.map((v) => ({ value: v, label: t(`facilityType.${v}`) })),
    technicalLevels: TECHNICAL_LEVELS.map((v) => ({ value: v, label: t(`techLevel.${v}`) })),
    countries: COUNTRIES.map((v) => ({ value: v, label: t(`country.${v}`) })),
    professions: PROFESSIONS.map((v) => ({ value: v, label: t(`profession.${v}`) })),
    availability: AVAILABILITY.map((v) => ({ value: v, label: t(`availability.${v}`) })),
    linkKinds: LINK_KINDS.map((v) => ({ value: v, label: t(`linkKind.${v}`) })),
    equipment: EQUIPMENT.map((v) => ({ value: v, label: t(`equipment.${v}`) })),
    siteStatuses: SITE_STATUSES.map((v) => ({ value: v, label: t(`siteStatus.${v}`) })),
    languages: LOCALES.map((v) => ({ value: v, label: LOCALE_NAMES[v] })),
  };
}

/** Prepends "any" to a filter's options. */
export function withAny(anyLabel: string, options: readonly Option[]): Option[] {
  return [{ value: '', label: anyLabel }, ...options];
}

/** Below 1 Mbit/s a video consultation degrades: the site page and tables flag it. */
export const LOW_BANDWIDTH_KBPS = 1000;

/** "2 Mbit/s" or "512 kbit/s", in the reader's number format. */
export function formatBandwidth(kbps: number, locale: Locale): string {
  return kbps >= 1000 ? `${formatNumber(kbps / 1000, locale)} Mbit/s` : `${formatNumber(kbps, locale)} kbit/s`;
}
