import type { Permission } from '@vuonxa/core';

/**
 * The pages reached before sign-in and where each kind of user lands, kept apart from `App` so the rules are
 * tested: patients sign in with a code on `/patient/signin`, staff with a password on `/login`, and the demo
 * SMS inbox is open to anyone.
 */
export const LOGIN_PATH = '/login';
export const PATIENT_SIGNIN_PATH = '/patient/signin';
export const DEV_SMS_PATH = '/dev/sms';
export const PATIENT_HOME_PATH = '/patient';

const PUBLIC_PATHS = new Set([LOGIN_PATH, PATIENT_SIGNIN_PATH, DEV_SMS_PATH]);

function isPatientPath(path: string): boolean {
  return path === PATIENT_HOME_PATH || path.startsWith(`${PATIENT_HOME_PATH}/`);
}

/** The screen for a signed-out visitor at `path`: the demo inbox, the patient's code sign-in, or the staff sign-in. */
export function publicScreenFor(path: string): 'devSms' | 'patient' | 'staff' {
  if (path === DEV_SMS_PATH) return 'devSms';
  return isPatientPath(path) ? 'patient' : 'staff';
}

/**
 * Where a signed-out visitor at `path` is sent to sign in, or null when the page is public. A patient's link
 * (`/patient/visits/…` from an SMS) leads to the code sign-in, anything else to the staff sign-in.
 *
 * @example
 * signInPathFor('/patient/visits/v1'); // '/patient/signin'
 * signInPathFor('/consults'); // '/login'
 */
export function signInPathFor(path: string): string | null {
  if (PUBLIC_PATHS.has(path)) return null;
  return isPatientPath(path) ? PATIENT_SIGNIN_PATH : LOGIN_PATH;
}

/** A user's home: the patient's pages for who books visits at the active facility, the app's home otherwise. */
export function homeFor(permissions: readonly Permission[]): string {
  return permissions.includes('visit.book') ? PATIENT_HOME_PATH : '/';
}

/**
 * Where a signed-in user at `path` is sent, or null to stay: off a sign-in page (back where they were going, else
 * home), and from `/` to the patient's home for a patient.
 *
 * @example
 * landingFor('/patient/signin', null, ['visit.book']); // '/patient'
 * landingFor('/login', '/consults?view=hub', ['consult.read']); // '/consults?view=hub'
 */
export function landingFor(path: string, returnTo: string | null, permissions: readonly Permission[]): string | null {
  if (path === LOGIN_PATH || path === PATIENT_SIGNIN_PATH) return returnTo ?? homeFor(permissions);
  if (path === '/' && homeFor(permissions) !== '/') return homeFor(permissions);
  return null;
}
