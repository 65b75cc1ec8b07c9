import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/i18n';
import { formatSpan, minutesUntil, responseDeadline } from './consult-time';

describe('responseDeadline', () => {
  const base = { submittedAt: '2026-01-05T08:00:00Z', responseDueAt: null };
  it('takes the server due time, else submission plus the urgency target', () => {
    expect(
      responseDeadline({ ...base, state: 'submitted', urgency: 'emergency', responseDueAt: '2026-01-05T08:30:00Z' })?.toISOString(),
    ).toBe('2026-01-05T08:30:00.000Z');
    expect(responseDeadline({ ...base, state: 'in_triage', urgency: 'emergency' })?.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(responseDeadline({ ...base, state: 'forwarded', urgency: 'urgent' })?.toISOString()).toBe('2026-01-06T08:00:00.000Z');
  });

  it('stops once the hub has decided, and before submission', () => {
    expect(responseDeadline({ ...base, state: 'accepted', urgency: 'emergency' })).toBeNull();
    expect(responseDeadline({ state: 'draft', urgency: 'emergency', submittedAt: null, responseDueAt: null })).toBeNull();
  });
});

describe('minutesUntil and formatSpan', () => {
  const due = new Date('2026-01-05T09:00:00Z');
  it('counts whole minutes, negative when overdue', () => {
    expect(minutesUntil(due, Date.parse('2026-01-05T08:00:30Z'))).toBe(59);
    expect(minutesUntil(due, Date.parse('2026-01-05T09:00:30Z'))).toBe(-1);
  });

  it('says a span with at most two units', () => {
    const vi = createTranslator('vi');
    expect(formatSpan(vi, 45)).toBe('45 phút');
    expect(formatSpan(vi, 125)).toBe('2 giờ 5 phút');
    expect(formatSpan(vi, -(3 * 1440 + 60 + 7))).toBe('3 ngày 1 giờ');
    expect(formatSpan(createTranslator('en'), 120)).toBe('2 h');
  });
});
