import type { FieldIssue } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';
import type { MessageKey } from '../../i18n/i18n';
import { formFieldOf, isConsultField } from './consult-form';

/** The message next to a field the server says is missing on submit. */
const MISSING: Record<string, MessageKey> = {
  patientId: 'consult.missing.patientId',
  type: 'consult.missing.type',
  urgency: 'consult.missing.urgency',
  specialty: 'consult.missing.specialty',
  targetHubId: 'consult.missing.targetHubId',
  'clinical.history': 'consult.missing.clinical',
  question: 'consult.missing.question',
  diagnoses: 'consult.missing.diagnoses',
};

/**
 * Where the server's issues of a refused submit go: each one the form shows next to its input (a missing field in
 * the form's own words, the first issue of a field only), the others listed in the alert; the alert says the
 * request is incomplete when every issue found its input.
 *
 * @example
 * submitProblemsOf([{ field: 'question', code: 'required', message: '' }]);
 * // { found: { question: { key: 'consult.missing.question' } }, extra: { key: 'consult.form.incomplete' } }
 */
export function submitProblemsOf(issues: readonly FieldIssue[]): { found: Record<string, Problem>; extra: Problem } {
  const found: Record<string, Problem> = {};
  const elsewhere: string[] = [];
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    if (!isConsultField(field)) elsewhere.push(`${issue.field}: ${issue.message}`);
    else found[field] ??= issue.code === 'required' && MISSING[field] ? { key: MISSING[field] } : { issue };
  }
  const extra: Problem =
    elsewhere.length > 0 ? { key: 'form.otherIssues', params: { issues: elsewhere.join('; ') } } : { key: 'consult.form.incomplete' };
  return { found, extra };
}
