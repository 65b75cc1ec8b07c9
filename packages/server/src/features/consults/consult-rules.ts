import type { ConsultActor, FieldIssue } from '@vuonxa/core';
import type { ConsultRole } from './consult-access.js';
import type { ConsultRow } from './consults.repo.js';

/** The state machine's actors a caller plays, from their part in the request. */
export const actorsOf = (roles: readonly ConsultRole[]): ConsultActor[] =>
  roles.flatMap((r): ConsultActor[] =>
    r === 'requester' ? ['requester'] : r === 'hub' ? ['hub'] : r === 'specialist' ? ['specialist'] : [],
  );

/** Everything a submitted request must have; every gap is named so the form can point at it. */
export function completenessIssues(
  c: Pick<ConsultRow, 'type' | 'urgency' | 'specialty' | 'target_hub_id' | 'patient_id' | 'clinical' | 'question' | 'diagnoses'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || issues.push({ field, message, code: 'required' });
  need(c.type !== null, 'type', 'choose the type of telemedicine activity');
  need(c.urgency !== null, 'urgency', 'choose the urgency');
  need(c.specialty !== null, 'specialty', 'choose the specialty');
  need(c.target_hub_id !== null, 'targetHubId', 'choose the hub to ask');
  need(c.patient_id !== null, 'patientId', 'choose the patient');
  need(
    Boolean(c.clinical.history?.trim() || c.clinical.examination?.trim()),
    'clinical.history',
    'describe the history or the examination',
  );
  need(c.question.trim().length >= 10, 'question', 'write the question for the specialists (at least 10 characters)');
  need(
    c.diagnoses.some((d) => d.kind === 'working'),
    'diagnoses',
    'give at least one working diagnosis with its ICD-10 code',
  );
  return issues;
}

/** Remote consultation requests: drafting, the state machine, assignment, the outcome loop. */
