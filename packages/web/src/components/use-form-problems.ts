import { useCallback, useState } from 'react';
import type { RefObject } from 'react';
import { ApiError } from '../api/client';
import { describeProblem } from '../i18n/error-message';
import type { Problem } from '../i18n/error-message';
import { useT } from '../i18n/use-t';
import { useFocusFirstError } from './use-focus-first-error';

export interface FormProblems {
  /** The message under a field, by the server's dotted name (`eligibility.scope`, `memberships.0.position`). */
  err: (field: string) => string | undefined;
  /** Forgets a field's problem once the person changes it. */
  clear: (field: string) => void;
  /** The problem of the whole form (network, rights, a field the form does not show), for an alert. */
  formProblem: Problem | null;
  /** Shows problems found before sending, and focuses the first. */
  showLocal: (found: Record<string, Problem>) => void;
  /**
   * Shows a failed save: each `details.issues[].field` under its field when the form has it, anything else
   * in the alert, and focuses the first problem.
   */
  showError: (error: unknown) => void;
}

/**
 * Field problems of a form that saves to the API, keyed by the server's field names so that a
 * VALIDATION_FAILED answer lands on the named field (WCAG 3.3.1).
 *
 * Returns the form's ref apart from the problems, as React's rules want refs kept out of render-time objects.
 *
 * @example
 * const [formRef, form] = useFormProblems((field) => FIELDS.includes(field));
 * <form ref={formRef}><TextInput error={form.err('name')} onChange={() => form.clear('name')} /></form>
 */
export function useFormProblems(shown: (field: string) => boolean): [RefObject<HTMLFormElement | null>, FormProblems] {
  const t = useT();
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [formRef, focusFirstError] = useFocusFirstError('[role="alert"]');

  const clear = useCallback((field: string) => {
    setProblems((p) => {
      if (!(field in p)) return p;
      const { [field]: _gone, ...rest } = p;
      return rest;
    });
  }, []);

  const showLocal = useCallback(
    (found: Record<string, Problem>) => {
      setProblems(found);
      setFormProblem(null);
      focusFirstError();
    },
    [focusFirstError],
  );

  const showError = useCallback(
    (error: unknown) => {
      const found: Record<string, Problem> = {};
      const elsewhere: string[] = [];
      if (error instanceof ApiError) {
        for (const issue of error.issues) {
          if (shown(issue.field)) found[issue.field] ??= { issue };
          else elsewhere.push(`${issue.field}: ${issue.message}`);
        }
      }
      setProblems(found);
      // Issues on fields the form does not show would otherwise be invisible: name them in the alert.
      if (elsewhere.length > 0) setFormProblem({ key: 'form.otherIssues', params: { issues: elsewhere.join('; ') } });
      else setFormProblem(Object.keys(found).length > 0 ? null : { error });
      focusFirstError();
    },
    [shown, focusFirstError],
  );

  const err = (field: string) => {
    const problem = problems[field];
    return problem ? describeProblem(t, problem) : undefined;
  };

  return [formRef, { err, clear, formProblem, showLocal, showError }];
}
