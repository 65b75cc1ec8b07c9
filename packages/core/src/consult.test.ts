import { describe, expect, it } from 'vitest';
import {
  CONSULT_ACTIONS,
  CONSULT_STATES,
  CONSULT_TRANSITIONS,
  TERMINAL_STATES,
  availableConsultActions,
  mayTakeConsultAction,
  nextConsultState,
  responseDueAt,
  type ConsultAction,
  type ConsultState,
} from './consult.js';
import { canonicalJson } from './report.schemas.js';
import { insuranceKey, maskIdentifier, patientInputSchema } from './patient.schemas.js';

describe('consult state machine', () => {
  it('walks the issue’s lifecycle from draft to closed', () => {
    const path: [ConsultAction, ConsultState][] = [
      ['submit', 'submitted'],
      ['start_triage', 'in_triage'],
      ['request_info', 'needs_info'],
      ['provide_info', 'in_triage'],
      ['accept', 'accepted'],
      ['schedule', 'scheduled'],
      ['start_session', 'in_session'],
      ['conclude', 'concluded'],
      ['report_outcome', 'outcome_reported'],
      ['close', 'closed'],
    ];
    let state: ConsultState = 'draft';
    for (const [action, to] of path) {
      expect(nextConsultState(state, action), `${state} --${action}`).toBe(to);
      state = to;
    }
  });

  it('lets nothing leave a terminal state', () => {
    for (const s of TERMINAL_STATES) for (const a of CONSULT_ACTIONS) expect(nextConsultState(s, a)).toBeNull();
  });

  it('reaches every state, and every state but the terminal ones has a way out', () => {
    const reached = new Set<ConsultState>(['draft', ...Object.values(CONSULT_TRANSITIONS).map((t) => t.to)]);
    expect([...reached].sort()).toEqual([...CONSULT_STATES].sort());
    for (const s of CONSULT_STATES.filter((x) => !TERMINAL_STATES.includes(x))) {
      expect(
        CONSULT_ACTIONS.some((a) => nextConsultState(s, a) !== null),
        s,
      ).toBe(true);
    }
  });

  it('gives each party its own actions', () => {
    expect(availableConsultActions('in_triage', ['hub'])).toEqual(['request_info', 'accept', 'decline', 'forward', 'schedule', 'cancel']);
    expect(availableConsultActions('in_triage', ['requester'])).toEqual(['cancel']);
    expect(availableConsultActions('needs_info', ['requester'])).toEqual(['provide_info', 'cancel']);
    expect(availableConsultActions('accepted', ['specialist'])).toEqual(['request_info']);
    expect(mayTakeConsultAction('submitted', 'accept', ['hub'])).toBe(false); // triage starts first
    expect(mayTakeConsultAction('accepted', 'conclude', ['hub'])).toBe(false); // only a signed report concludes
    expect(mayTakeConsultAction('forwarded', 'start_triage', ['hub'])).toBe(true);
  });

  it('sets the response target by urgency', () => {
    const t = new Date('2026-11-27T00:00:00Z');
    expect(responseDueAt(t, 'emergency').toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(responseDueAt(t, 'routine').toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});

describe('report canonical form', () => {
  it('does not depend on key order and keeps Vietnamese text as is', () => {
    expect(canonicalJson({ b: 'Hà Nội', a: [1, { d: true, c: null }] })).toBe('{"a":[1,{"c":null,"d":true}],"b":"Hà Nội"}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('patient identifiers', () => {
  it('normalises insurance numbers and keys duplicates on the social insurance number', () => {
    const p = patientInputSchema.parse({
      fullName: 'Lê Văn An',
      birthDate: '1990-02-03',
      sex: 'male',
      insuranceNumber: 'dn 4 79 5123456789',
    });
    expect(p.insuranceNumber).toBe('DN4795123456789');
    expect(insuranceKey(p.insuranceNumber!)).toBe(insuranceKey('5123456789'));
    expect(maskIdentifier('051158001234')).toBe('••••••••1234');
  });
});
