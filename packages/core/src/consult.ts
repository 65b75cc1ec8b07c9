/**
 * The consultation request (hội chẩn từ xa) and its one state machine. The server enforces it on every change;
 * the web app reads it to show only the actions that can apply.
 */

/** The six telemedicine activity types of Circular 49/2017/TT-BYT (art. 3). */
export const CONSULT_TYPES = [
  'remote_advice', // tư vấn từ xa
  'remote_consultation', // hội chẩn từ xa
  'teleradiology', // chẩn đoán hình ảnh từ xa
  'telepathology', // giải phẫu bệnh từ xa
  'surgical_consultation', // hỗ trợ phẫu thuật từ xa
  'training_transfer', // đào tạo, chuyển giao kỹ thuật từ xa
] as const;
export type ConsultType = (typeof CONSULT_TYPES)[number];

export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Response-time targets from submission to the hub's first decision. Emergency cases (stroke, trauma,
 * obstetric bleeding) must be answered within the hour or the patient is transferred anyway.
 */
export const RESPONSE_TARGET_MINUTES: Record<Urgency, number> = { emergency: 60, urgent: 24 * 60, routine: 72 * 60 };

/** Queue order: lower first. */
export const URGENCY_RANK: Record<Urgency, number> = { emergency: 0, urgent: 1, routine: 2 };

export const CONSULT_STATES = [
  'draft',
  'submitted',
  'in_triage',
  'needs_info',
  'accepted',
  'declined',
  'forwarded',
  'scheduled',
  'in_session',
  'concluded',
  'outcome_reported',
  'closed',
  'cancelled',
] as const;
export type ConsultState = (typeof CONSULT_STATES)[number];

/** Who may take an action: the requesting site's clinicians, the target hub's coordinators, or the assigned specialists. */
export type ConsultActor = 'requester' | 'hub' | 'specialist' | 'system';

interface TransitionRule {
  from: readonly ConsultState[];
  to: ConsultState;
  actors: readonly ConsultActor[];
}

/**
 * Every transition. `forwarded` behaves like `submitted` at the new hub; `needs_info` returns to triage once the
 * requester answers; `concluded` is reached when the report is fully signed (system).
 */
export const CONSULT_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', actors: ['requester'] },
  start_triage: { from: ['submitted', 'forwarded'], to: 'in_triage', actors: ['hub'] },
  request_info: { from: ['in_triage', 'accepted'], to: 'needs_info', actors: ['hub', 'specialist'] },
  provide_info: { from: ['needs_info'], to: 'in_triage', actors: ['requester'] },
  accept: { from: ['in_triage'], to: 'accepted', actors: ['hub'] },
  decline: { from: ['in_triage'], to: 'declined', actors: ['hub'] },
  forward: { from: ['in_triage'], to: 'forwarded', actors: ['hub'] },
  schedule: { from: ['in_triage', 'accepted'], to: 'scheduled', actors: ['hub'] },
  start_session: { from: ['scheduled'], to: 'in_session', actors: ['system'] },
  unschedule: { from: ['scheduled'], to: 'accepted', actors: ['hub', 'system'] },
  conclude: { from: ['accepted', 'scheduled', 'in_session'], to: 'concluded', actors: ['system'] },
  report_outcome: { from: ['concluded'], to: 'outcome_reported', actors: ['requester'] },
  close: { from: ['outcome_reported', 'declined'], to: 'closed', actors: ['hub', 'requester'] },
  cancel: {
    from: ['draft', 'submitted', 'in_triage', 'needs_info', 'accepted', 'forwarded', 'scheduled'],
    to: 'cancelled',
    actors: ['requester', 'hub'],
  },
} as const satisfies Record<string, TransitionRule>;
export type ConsultAction = keyof typeof CONSULT_TRANSITIONS;
export const CONSULT_ACTIONS = Object.keys(CONSULT_TRANSITIONS) as [ConsultAction, ...ConsultAction[]];

/** States in which the request waits for the hub to act (the triage queue). */
export const QUEUE_STATES: readonly ConsultState[] = ['submitted', 'forwarded', 'in_triage'];
/** States after which nothing changes except closing. */
export const TERMINAL_STATES: readonly ConsultState[] = ['closed', 'cancelled'];
/** States in which clinical content may still be edited by the requester. */
export const EDITABLE_STATES: readonly ConsultState[] = ['draft', 'needs_info'];

/**
 * The state an action leads to from `state`, or null when the action does not apply there.
 *
 * @example
 * nextConsultState('draft', 'submit'); // 'submitted'
 * nextConsultState('closed', 'submit'); // null
 */
export function nextConsultState(state: ConsultState, action: ConsultAction): ConsultState | null {
  const rule: TransitionRule = CONSULT_TRANSITIONS[action];
  return rule.from.includes(state) ? rule.to : null;
}

/**
 * The actions `actors` can take from `state` (what the web app offers as buttons).
 *
 * @example
 * availableConsultActions('in_triage', ['hub']); // ['request_info', 'accept', 'decline', 'forward', 'schedule', 'cancel']
 */
export function availableConsultActions(state: ConsultState, actors: readonly ConsultActor[]): ConsultAction[] {
  return CONSULT_ACTIONS.filter((a) => {
    const rule: TransitionRule = CONSULT_TRANSITIONS[a];
    return rule.from.includes(state) && rule.actors.some((x) => actors.includes(x));
  });
}

/** Whether `actors` may take `action` from `state`. */
export function mayTakeConsultAction(state: ConsultState, action: ConsultAction, actors: readonly ConsultActor[]): boolean {
  const rule: TransitionRule = CONSULT_TRANSITIONS[action];
  return rule.from.includes(state) && rule.actors.some((x) => actors.includes(x));
}

/** When the hub must have decided, from the submission time. */
export function responseDueAt(submittedAt: Date, urgency: Urgency): Date {
  return new Date(submittedAt.getTime() + RESPONSE_TARGET_MINUTES[urgency] * 60_000);
}

/** Outcomes the requesting site reports back (Circular 49/2017: the requesting site reports the result). */
export const OUTCOMES = ['treated_locally', 'referred', 'transferred', 'recovered', 'improved', 'died', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
