import { describe, expect, it } from 'vitest';
import { submitProblemsOf } from './consult-submit-problems';

describe('the problems of a refused submit', () => {
  it('names a missing field in the form’s words, next to its input', () => {
    expect(submitProblemsOf([{ field: 'question', code: 'required', message: 'Required' }])).toEqual({
      found: { question: { key: 'consult.missing.question' } },
      extra: { key: 'consult.form.incomplete' },
    });
  });

  it('keeps the server’s issue for other codes and only the first issue of a field', () => {
    const tooLong = { field: 'question', code: 'too_big', message: 'Too long' };
    const { found } = submitProblemsOf([tooLong, { field: 'question', code: 'required', message: 'Required' }]);
    expect(found).toEqual({ question: { issue: tooLong } });
  });

  it('puts a missing clinical summary on the history', () => {
    expect(submitProblemsOf([{ field: 'clinical', code: 'required', message: '' }]).found).toEqual({
      'clinical.history': { key: 'consult.missing.clinical' },
    });
  });

  it('lists in the alert what the form does not show', () => {
    const { found, extra } = submitProblemsOf([
      { field: 'requestingFacilityId', code: 'invalid', message: 'Unknown facility' },
      { field: 'urgency', code: 'required', message: '' },
    ]);
    expect(found).toEqual({ urgency: { key: 'consult.missing.urgency' } });
    expect(extra).toEqual({ key: 'form.otherIssues', params: { issues: 'requestingFacilityId: Unknown facility' } });
  });
});
