import type { RecordingStatus } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { INITIAL_RECORDING, everyoneAgreed, namesOf, needsRecordingConsent, recordingButtons } from './recording-logic';

const status = (patch: Partial<RecordingStatus>): RecordingStatus => ({ ...INITIAL_RECORDING, ...patch });

describe('recordingButtons', () => {
  it('offers only Ask while off (Start needs asking first)', () => {
    expect(recordingButtons(INITIAL_RECORDING)).toEqual({ ask: true, start: false, stop: false, cancel: false });
  });

  it('enables Start only once nobody is pending, nobody declined and every patient consented', () => {
    expect(recordingButtons(status({ state: 'asking' }))).toEqual({ ask: false, start: true, stop: false, cancel: true });
    expect(recordingButtons(status({ state: 'asking', pending: ['p2'] })).start).toBe(false);
    expect(recordingButtons(status({ state: 'asking', declined: ['p3'] })).start).toBe(false);
    expect(recordingButtons(status({ state: 'asking', missingPatientConsent: ['HC-2026-0001'] })).start).toBe(false);
  });

  it('offers only Stop while recording', () => {
    expect(recordingButtons(status({ state: 'on', startedAt: '2026-01-05T08:00:00Z' }))).toEqual({
      ask: false,
      start: false,
      stop: true,
      cancel: false,
    });
  });

  it('says when everyone agreed', () => {
    expect(everyoneAgreed(status({ state: 'asking' }))).toBe(true);
    expect(everyoneAgreed(status({ state: 'asking', declined: ['p1'] }))).toBe(false);
  });
});

describe('needsRecordingConsent', () => {
  const me = { status: 'admitted' as const, recordingConsent: null };

  it('asks me while the room asks or records and I have not answered', () => {
    expect(needsRecordingConsent(status({ state: 'asking' }), me)).toBe(true);
    expect(needsRecordingConsent(status({ state: 'on' }), me)).toBe(true);
  });

  it('does not ask when off, once answered, or while in the lobby', () => {
    expect(needsRecordingConsent(INITIAL_RECORDING, me)).toBe(false);
    expect(needsRecordingConsent(status({ state: 'asking' }), { ...me, recordingConsent: 'accepted' })).toBe(false);
    expect(needsRecordingConsent(status({ state: 'asking' }), { ...me, recordingConsent: 'declined' })).toBe(false);
    expect(needsRecordingConsent(status({ state: 'asking' }), { ...me, status: 'lobby' })).toBe(false);
    expect(needsRecordingConsent(status({ state: 'asking' }), null)).toBe(false);
  });
});

describe('namesOf', () => {
  it('names participants, the id for someone no longer listed', () => {
    expect(namesOf(['p1', 'gone'], [{ participantId: 'p1', name: 'BS. Lan' }])).toEqual(['BS. Lan', 'gone']);
  });
});
