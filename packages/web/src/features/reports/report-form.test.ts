import type { ConsultDetail, ConsultReport, ConsultSession, ReportVerification } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import {
  checkReportForm,
  initialReportValues,
  prefillCaseSummary,
  shortFingerprint,
  summariseVerification,
  toReportInput,
} from './report-form';

const labels = { history: 'Bệnh sử', examination: 'Khám', question: 'Câu hỏi' };

const consult = {
  id: 'c1',
  ref: 'HC-1',
  clinical: { history: 'Đau ngực 2 giờ', examination: '', vitals: {}, currentTreatment: '', testsDone: '' },
  question: 'Có chỉ định can thiệp?',
  requestingFacility: { id: 'f1', name: 'TTYT Mường Tè' },
  targetHub: { id: 'h1', name: 'BV Bạch Mai' },
  diagnoses: [{ code: 'I21.0', kind: 'working', note: null, nameVi: 'Nhồi máu cơ tim', nameEn: null }],
} as unknown as ConsultDetail;

const session = {
  hub: { id: 'h1', name: 'BV Bạch Mai' },
  startsAt: '2026-01-05T01:00:00Z',
  startedAt: '2026-01-05T01:05:00Z',
  chair: { id: 'u1', name: 'GS A' },
  secretary: { id: 'u2', name: 'BS B' },
  attendance: [
    { user: { id: 'u1', name: 'GS A' }, facilityName: 'BV Bạch Mai', joinedAt: 'x', leftAt: null },
    { user: { id: 'u1', name: 'GS A' }, facilityName: 'BV Bạch Mai', joinedAt: 'y', leftAt: null },
  ],
  invites: [{ id: 'i', kind: 'site', user: null, facility: { id: 'f2', name: 'BVĐK Lai Châu' }, response: 'accepted' }],
} as unknown as ConsultSession;

describe('prefillCaseSummary', () => {
  it('puts each non-empty part under its heading', () => {
    expect(prefillCaseSummary(consult, labels)).toBe('Bệnh sử: Đau ngực 2 giờ\n\nCâu hỏi: Có chỉ định can thiệp?');
  });
});

describe('initialReportValues', () => {
  it('starts a new draft from the request and its session', () => {
    const v = initialReportValues(consult, null, session, labels);
    expect(v.heldAt).toBe('2026-01-05T01:05');
    expect(v.places).toEqual(['BV Bạch Mai', 'TTYT Mường Tè', 'BVĐK Lai Châu']);
    expect([v.chairUserId, v.secretaryUserId]).toEqual(['u1', 'u2']);
    expect(v.participants).toEqual([{ name: 'GS A', role: '', facility: 'BV Bạch Mai' }]);
    expect(v.diagnoses.map((d) => d.code)).toEqual(['I21.0']);
  });

  it('reopens a saved draft as saved', () => {
    const report = {
      content: {
        heldAt: '2026-01-05T02:00:00Z',
        places: ['A'],
        chair: { id: 'u3', name: 'C' },
        secretary: { id: 'u4', name: 'D' },
        participants: [],
        caseSummary: 'S',
        discussion: 'D',
        conclusion: 'K',
        diagnoses: [{ code: 'E11.9', nameVi: 'ĐTĐ' }],
        treatment: '',
        recommendedTests: '',
        referralNeeded: true,
        referralNote: 'N',
        consultRef: 'HC-1',
      },
    } as unknown as ConsultReport;
    const v = initialReportValues(consult, report, session, labels);
    expect(v).toMatchObject({ heldAt: '2026-01-05T02:00', chairUserId: 'u3', conclusion: 'K', referralNote: 'N' });
    expect(v.diagnoses).toEqual([{ code: 'E11.9', kind: 'working', note: null, nameVi: 'ĐTĐ' }]);
  });
});

describe('checkReportForm and toReportInput', () => {
  const v = initialReportValues(consult, null, session, labels);

  it('asks for the conclusion and a distinct secretary', () => {
    expect(checkReportForm({ ...v, secretaryUserId: 'u1' })).toEqual({
      conclusion: 'form.required',
      secretaryUserId: 'session.form.secretaryNotChair',
    });
    expect(checkReportForm({ ...v, conclusion: 'Can thiệp', diagnoses: [] })).toEqual({ diagnoses: 'report.diagnosesRequired' });
  });

  it('builds the body with an offset time, codes only, blank rows dropped', () => {
    const body = toReportInput({
      ...v,
      conclusion: ' Can thiệp ',
      participants: [...v.participants, { name: '', role: '', facility: '' }],
      referralNote: 'ignored',
    });
    expect(body.heldAt).toBe('2026-01-05T01:05:00+00:00');
    expect(body.diagnoses).toEqual([{ code: 'I21.0' }]);
    expect(body.participants).toHaveLength(1);
    expect(body.conclusion).toBe('Can thiệp');
    expect(body.referralNote).toBe('');
  });
});

describe('summariseVerification', () => {
  const base: ReportVerification = {
    reportId: 'r',
    version: 1,
    state: 'final',
    frozenHash: 'h',
    currentHash: 'h',
    contentUnchanged: true,
    signatures: [{ signer: { id: 'u1', name: 'GS A' }, role: 'chair', keyFingerprint: 'ab', signedAt: 't', valid: true, problem: null }],
    complete: true,
    valid: true,
    supersedes: null,
    supersededBy: null,
  };

  it('is ok when unchanged and every signature verifies, complete or not', () => {
    expect(summariseVerification(base)).toEqual({ ok: true, complete: true, problems: [] });
    expect(summariseVerification({ ...base, complete: false, valid: false }).ok).toBe(true);
  });

  it('names a changed content and each bad signature', () => {
    const s = summariseVerification({
      ...base,
      contentUnchanged: false,
      valid: false,
      signatures: [{ ...base.signatures[0]!, valid: false, problem: 'signature_mismatch' }],
    });
    expect(s.ok).toBe(false);
    expect(s.problems).toEqual([{ kind: 'changed' }, { kind: 'signature', name: 'GS A', problem: 'signature_mismatch' }]);
  });
});

describe('shortFingerprint', () => {
  it('groups the first 16 hex digits', () => {
    expect(shortFingerprint('sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBe('0A1B 2C3D 4E5F 6071');
    expect(shortFingerprint('AB:CD:EF')).toBe('ABCD EF');
  });
});
