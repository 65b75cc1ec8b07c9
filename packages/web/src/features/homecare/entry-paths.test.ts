import { describe, expect, it } from 'vitest';
import { landingFor, publicScreenFor, signInPathFor } from './entry-paths';

describe('entry paths', () => {
  it('sends a signed-out patient link to the code sign-in and the rest to the staff sign-in', () => {
    expect(signInPathFor('/patient')).toBe('/patient/signin');
    expect(signInPathFor('/patient/visits/v1')).toBe('/patient/signin');
    expect(signInPathFor('/patients')).toBe('/login');
    expect(signInPathFor('/consults')).toBe('/login');
    expect(signInPathFor('/')).toBe('/login');
  });

  it('keeps the sign-in pages and the demo inbox open to anyone', () => {
    for (const path of ['/login', '/patient/signin', '/dev/sms']) expect(signInPathFor(path)).toBeNull();
    expect(publicScreenFor('/dev/sms')).toBe('devSms');
    expect(publicScreenFor('/patient/signin')).toBe('patient');
    expect(publicScreenFor('/login')).toBe('staff');
  });

  it('lands a patient on their own home, and anyone back where they were going', () => {
    expect(landingFor('/patient/signin', null, ['visit.book'])).toBe('/patient');
    expect(landingFor('/login', null, ['visit.book'])).toBe('/patient');
    expect(landingFor('/', null, ['visit.book'])).toBe('/patient');
    expect(landingFor('/patient/signin', '/patient/visits/v1', ['visit.book'])).toBe('/patient/visits/v1');
    expect(landingFor('/login', null, ['consult.read'])).toBe('/');
    expect(landingFor('/', null, ['consult.read'])).toBeNull();
    expect(landingFor('/patient/book', null, ['visit.book'])).toBeNull();
  });
});
