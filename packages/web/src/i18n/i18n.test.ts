import { ERROR_STATUS } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '../api/client';
import { en } from './en';
import { createTranslator, interpolate, isMessageKey } from './i18n';
import { km } from './km';
import { lo } from './lo';
import { vi } from './vi';

const HOME_TASK_KEYS = [
  'home.task.enrolTotp',
  'home.task.enrolTotpRequired',
  'home.task.lockedUsers',
  'home.task.failedLogins',
  'home.task.noMembership',
  'home.task.weakRecovery',
  'home.task.generic',
  'home.task.reportsToSign',
  'home.task.triageQueue',
  'home.task.triageOverdue',
  'home.task.needsInfo',
  'home.task.outcomesOverdue',
  'home.task.assigned',
];

const keysOf = (catalog: object) => Object.keys(catalog).sort();

describe('catalogs', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keysOf(vi)).toEqual(keysOf(en));
  });

  it.each([
    ['lo', lo],
    ['km', km],
  ])('has only English keys in %s', (_, catalog) => {
    const unknown = Object.keys(catalog).filter((k) => !Object.hasOwn(en, k));
    expect(unknown).toEqual([]);
  });

  it('translates the sign-in screen into Lao and Khmer', () => {
    for (const catalog of [lo, km]) {
      for (const key of ['login.title', 'login.identifier', 'login.password', 'login.submit', 'totp.code'] as const) {
        expect(catalog[key]).toBeTruthy();
        expect(catalog[key]).not.toBe(en[key]);
      }
    }
  });

  it('has no empty message and the same placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalog of [vi, lo, km]) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), key).not.toBe('');
        if (isMessageKey(key)) expect(placeholders(text), key).toEqual(placeholders(en[key]));
      }
    }
  });

  it('names every API error code, and the codes the app adds, in Vietnamese and English', () => {
    for (const code of [...Object.keys(ERROR_STATUS), ...CLIENT_ERROR_CODES, 'UNKNOWN']) {
      expect(vi, code).toHaveProperty([`error.${code}`]);
      expect(en, code).toHaveProperty([`error.${code}`]);
    }
  });

  it('knows every home task key the server sends', () => {
    for (const key of HOME_TASK_KEYS) {
      expect(Object.hasOwn(vi, key), key).toBe(true);
      expect(Object.hasOwn(en, key), key).toBe(true);
    }
  });
});

describe('t()', () => {
  it('falls back to English for a key missing in Lao', () => {
    expect(Object.hasOwn(lo, 'audit.title')).toBe(false);
    expect(createTranslator('lo')('audit.title')).toBe(en['audit.title']);
  });

  it('uses the locale when it has the key', () => {
    expect(createTranslator('km')('login.submit')).toBe(km['login.submit']);
    expect(createTranslator('vi')('login.submit')).toBe('Đăng nhập');
  });

  it('interpolates parameters, numbers included', () => {
    expect(createTranslator('vi')('home.greeting', { name: 'Lan' })).toBe('Xin chào, Lan');
    expect(createTranslator('en')('home.task.lockedUsers', { count: 3 })).toBe('3 user account(s) locked after failed sign-ins');
  });

  it('leaves a placeholder without a value visible rather than printing undefined', () => {
    expect(interpolate('Hello, {name}', {})).toBe('Hello, {name}');
  });

  it('tells server keys it knows from unknown ones', () => {
    const t = createTranslator('vi');
    expect(t.has('home.task.lockedUsers')).toBe(true);
    expect(t.has('home.task.somethingNew')).toBe(false);
    expect(t.has('toString')).toBe(false);
  });
});
