import type { RecordingStatus, RoomParticipant } from '@vuonxa/core';

/** Recording with consent, the pure part: what the hosts' buttons allow, and whether I must be asked. */

export const INITIAL_RECORDING: RecordingStatus = { state: 'off', pending: [], declined: [], missingPatientConsent: [], startedAt: null };

/** Which of the hosts' recording buttons can be pressed now. */
export interface RecordingButtons {
  /** Tell everyone and collect their answers (only while not recording nor asking). */
  ask: boolean;
  /** Only once everyone accepted and every patient's consent is recorded. */
  start: boolean;
  stop: boolean;
  /** Give up asking. */
  cancel: boolean;
}

/** Everyone present accepted, nobody declined, and every agenda case has the patient's consent recorded. */
export function everyoneAgreed(status: RecordingStatus): boolean {
  return status.pending.length === 0 && status.declined.length === 0 && status.missingPatientConsent.length === 0;
}

/**
 * The hosts' buttons for a recording status: Ask while off; while asking, Start once everyone agreed (see
 * `everyoneAgreed`) and Cancel; Stop while on.
 *
 * @example
 * recordingButtons({ state: 'asking', pending: ['p2'], declined: [], missingPatientConsent: [], startedAt: null });
 * // { ask: false, start: false, stop: false, cancel: true }
 */
export function recordingButtons(status: RecordingStatus): RecordingButtons {
  return {
    ask: status.state === 'off',
    start: status.state === 'asking' && everyoneAgreed(status),
    stop: status.state === 'on',
    cancel: status.state === 'asking',
  };
}

/** Whether to show me the recording notice: the room asks (or records) and I have not answered yet. */
export function needsRecordingConsent(status: RecordingStatus, me: Pick<RoomParticipant, 'status' | 'recordingConsent'> | null): boolean {
  return !!me && me.status === 'admitted' && status.state !== 'off' && me.recordingConsent === null;
}

/** Names for participant ids (the id itself for someone no longer listed). */
export function namesOf(ids: readonly string[], participants: readonly Pick<RoomParticipant, 'participantId' | 'name'>[]): string[] {
  return ids.map((id) => participants.find((p) => p.participantId === id)?.name ?? id);
}
