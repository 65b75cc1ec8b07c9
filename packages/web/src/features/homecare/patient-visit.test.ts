import { describe, expect, it } from 'vitest';
import { HOUR, NOW, visit } from './visit.fixtures';
import { followUpDay, messagesOpen, patientPhase, patientPollMs, recordPerson } from './patient-visit';

// The unit project runs with TZ=UTC: local days are UTC days here.

describe('the patient’s side', () => {
  it('follows the visit from waiting to the room to the outcome', () => {
    expect(patientPhase(visit())).toBe('before');
    expect(patientPhase(visit({ state: 'in_progress' }))).toBe('called');
    expect(patientPhase(visit({ state: 'in_progress', roomId: 'vx-1' }))).toBe('in_room');
    expect(patientPhase(visit({ state: 'completed' }))).toBe('done');
    expect(patientPhase(visit({ state: 'referred_emergency' }))).toBe('emergency');
    expect(patientPhase(visit({ state: 'no_show' }))).toBe('over');
  });

  it('polls often while the visit may start, slowly while a prescription may come, never after', () => {
    expect(patientPollMs(visit(), NOW)).toBe(10_000);
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - HOUR).toISOString() }), NOW)).toBe(60_000);
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - HOUR).toISOString(), prescriptionId: 'rx' }), NOW)).toBeNull();
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - 30 * HOUR).toISOString() }), NOW)).toBeNull();
    expect(patientPollMs(visit({ state: 'cancelled' }), NOW)).toBeNull();
  });

  it('closes the messages once the visit has ended', () => {
    expect(messagesOpen(visit({ state: 'in_progress' }))).toBe(true);
    expect(messagesOpen(visit({ state: 'completed' }))).toBe(false);
    expect(messagesOpen(visit({ state: 'referred_emergency' }))).toBe(false);
  });

  it('dates the follow-up from the end of the visit, on the local calendar', () => {
    expect(followUpDay('2026-11-02T16:30:00Z', 14)).toBe('2026-11-16');
    expect(followUpDay(null, 14)).toBeNull();
    expect(followUpDay('2026-11-02T16:30:00Z', null)).toBeNull();
  });
});

describe('the record', () => {
  const people = [
    { patientId: 'child', relation: 'child' as const },
    { patientId: 'me', relation: 'self' as const },
  ];
  it('shows the person asked for when the account acts for them, else the holder', () => {
    expect(recordPerson(people, 'child')?.patientId).toBe('child');
    expect(recordPerson(people, 'someone-else')?.patientId).toBe('me');
    expect(recordPerson(people, null)?.patientId).toBe('me');
    expect(recordPerson([people[0]!], null)?.patientId).toBe('child');
    expect(recordPerson([], null)).toBeNull();
  });
});
