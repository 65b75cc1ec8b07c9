import type { ConsultDetail, ConsultReport, ConsultSession, ReportContentInput, ReportVerification } from '@vuonxa/core';
import { isoToLocalInput } from '../audit/datetime-input';
import type { DiagnosisValue } from '../consults/Icd10Picker';
import { localInputToOffsetIso } from '../sessions/session-form';

export interface ParticipantRow {
  name: string;
  role: string;
  facility: string;
}

/** The report editor's values; `heldAt` as a `datetime-local` value. */
export interface ReportFormValues {
  heldAt: string;
  places: string[];
  chairUserId: string;
  secretaryUserId: string;
  participants: ParticipantRow[];
  caseSummary: string;
  discussion: string;
  conclusion: string;
  diagnoses: DiagnosisValue[];
  treatment: string;
  recommendedTests: string;
  referralNeeded: boolean;
  referralNote: string;
}

/** Headings of the case summary prefilled from the request, in the reader's language. */
export interface SummaryLabels {
  history: string;
  examination: string;
  question: string;
}

/**
 * The case summary a draft starts with: the request's history, examination and question, each under its
 * heading, empty parts left out.
 */
export function prefillCaseSummary(consult: Pick<ConsultDetail, 'clinical' | 'question'>, labels: SummaryLabels): string {
  const parts: [string, string][] = [
    [labels.history, consult.clinical.history],
    [labels.examination, consult.clinical.examination],
    [labels.question, consult.question],
  ];
  return parts
    .filter(([, text]) => text.trim() !== '')
    .map(([label, text]) => `${label}: ${text.trim()}`)
    .join('\n\n');
}

const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/**
 * The editor's starting values: the saved draft when there is one; otherwise what the request and its
 * session already say (time, places, chair, secretary, who attended, the diagnoses of the request).
 */
export function initialReportValues(
  consult: ConsultDetail,
  report: ConsultReport | null,
  session: ConsultSession | null,
  labels: SummaryLabels,
  now: Date = new Date(),
): ReportFormValues {
  if (report) {
    const c = report.content;
    return {
      heldAt: isoToLocalInput(c.heldAt),
      places: [...c.places],
      chairUserId: c.chair.id,
      secretaryUserId: c.secretary.id,
      participants: c.participants.map((p) => ({ ...p })),
      caseSummary: c.caseSummary,
      discussion: c.discussion,
      conclusion: c.conclusion,
      diagnoses: c.diagnoses.map((d, i) => ({ code: d.code, kind: i === 0 ? 'working' : 'differential', note: null, nameVi: d.nameVi })),
      treatment: c.treatment,
      recommendedTests: c.recommendedTests,
      referralNeeded: c.referralNeeded,
      referralNote: c.referralNote,
    };
  }
  const attendees = new Map<string, ParticipantRow>();
  for (const a of session?.attendance ?? []) {
    if (!attendees.has(a.user.id)) attendees.set(a.user.id, { name: a.user.name, role: '', facility: a.facilityName ?? '' });
  }
  const sitePlaces = (session?.invites ?? []).flatMap((i) => (i.kind === 'site' && i.facility ? [i.facility.name] : []));
  return {
    heldAt: isoToLocalInput(session?.startedAt ?? session?.startsAt ?? now.toISOString()),
    places: unique([consult.targetHub?.name ?? session?.hub.name ?? '', consult.requestingFacility.name, ...sitePlaces]),
    chairUserId: session?.chair.id ?? '',
    secretaryUserId: session?.secretary.id ?? '',
    participants: [...attendees.values()],
    caseSummary: prefillCaseSummary(consult, labels),
    discussion: '',
    conclusion: '',
    diagnoses: consult.diagnoses.map((d) => ({ code: d.code, kind: d.kind, note: d.note, nameVi: d.nameVi, nameEn: d.nameEn })),
    treatment: '',
    recommendedTests: '',
    referralNeeded: false,
    referralNote: '',
  };
}

export type ReportFormProblem =
  'form.required' | 'session.form.secretaryNotChair' | 'report.diagnosesRequired' | 'report.heldAtInvalid' | 'report.placesRequired';

/** What is wrong before saving, by the server's field name (`content.` prefix left off). */
export function checkReportForm(v: ReportFormValues): Record<string, ReportFormProblem> {
  const found: Record<string, ReportFormProblem> = {};
  if (!localInputToOffsetIso(v.heldAt)) found['heldAt'] = 'report.heldAtInvalid';
  if (unique(v.places).length === 0) found['places'] = 'report.placesRequired';
  if (!v.chairUserId) found['chairUserId'] = 'form.required';
  if (!v.secretaryUserId) found['secretaryUserId'] = 'form.required';
  else if (v.secretaryUserId === v.chairUserId) found['secretaryUserId'] = 'session.form.secretaryNotChair';
  if (!v.caseSummary.trim()) found['caseSummary'] = 'form.required';
  if (!v.conclusion.trim()) found['conclusion'] = 'form.required';
  if (v.diagnoses.length === 0) found['diagnoses'] = 'report.diagnosesRequired';
  v.participants.forEach((p, i) => {
    if (!p.name.trim()) found[`participants.${i}.name`] = 'form.required';
  });
  return found;
}

/** The body of `PUT /api/consults/:id/report`'s `content`; participant rows left blank are dropped. */
export function toReportInput(v: ReportFormValues): ReportContentInput {
  return {
    heldAt: localInputToOffsetIso(v.heldAt),
    places: unique(v.places),
    chairUserId: v.chairUserId,
    secretaryUserId: v.secretaryUserId,
    participants: v.participants
      .map((p) => ({ name: p.name.trim(), role: p.role.trim(), facility: p.facility.trim() }))
      .filter((p) => p.name || p.role || p.facility),
    caseSummary: v.caseSummary.trim(),
    discussion: v.discussion.trim(),
    conclusion: v.conclusion.trim(),
    diagnoses: v.diagnoses.map((d) => ({ code: d.code })),
    treatment: v.treatment.trim(),
    recommendedTests: v.recommendedTests.trim(),
    referralNeeded: v.referralNeeded,
    referralNote: v.referralNeeded ? v.referralNote.trim() : '',
  };
}

export type VerificationProblem = { kind: 'changed' } | { kind: 'signature'; name: string; problem: string | null };

export interface VerificationSummary {
  /** Nothing is wrong: the content is what was frozen and every signature so far verifies. */
  ok: boolean;
  /** Every required signer has signed. */
  complete: boolean;
  problems: VerificationProblem[];
}

/**
 * Reads the server's check of a report: a changed content or a signature that does not verify is a problem
 * to name; a report still waiting for signatures is not wrong, only incomplete.
 */
export function summariseVerification(v: ReportVerification): VerificationSummary {
  const problems: VerificationProblem[] = [];
  if (!v.contentUnchanged) problems.push({ kind: 'changed' });
  for (const s of v.signatures) if (!s.valid) problems.push({ kind: 'signature', name: s.signer.name, problem: s.problem });
  // The server's verdict counts too when it says no for a reason not listed above (a complete report only).
  const ok = problems.length === 0 && (v.valid || !v.complete);
  return { ok, complete: v.complete, problems };
}

/** A key fingerprint shortened for reading aloud over the phone: the first 16 hex digits in groups of four. */
export function shortFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/^sha256:/i, '').replace(/[^0-9a-f]/gi, '');
  if (hex.length === 0) return fingerprint.slice(0, 19);
  return (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ').toUpperCase();
}
