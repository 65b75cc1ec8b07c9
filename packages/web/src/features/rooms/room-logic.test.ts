import type { RoomParticipant } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import {
  admittedInOrder,
  gridColumns,
  initials,
  isFatalRoomError,
  isOlder,
  lobbyInOrder,
  mediaModeOf,
  offersTo,
  peerPlan,
  reconcilePeers,
} from './room-logic';

// The fields this slice reads; the others (hand, media state) are filled for the schema and not looked at.
const person = (participantId: string, minute: number, status: RoomParticipant['status'] = 'admitted'): RoomParticipant => ({
  participantId,
  userId: `u-${participantId}`,
  name: `Person ${participantId}`,
  facilityName: null,
  host: false,
  status,
  joinedAt: `2026-01-05T08:${String(minute).padStart(2, '0')}:00.000Z`,
  handRaised: false,
  audio: true,
  video: true,
  mode: 'normal',
  epoch: 0,
});

describe('who offers to whom', () => {
  it('orders by joinedAt, then by participant id', () => {
    expect(isOlder(person('b', 1), person('a', 2))).toBe(true);
    expect(isOlder(person('a', 2), person('b', 1))).toBe(false);
    expect(isOlder(person('a', 1), person('b', 1))).toBe(true);
    expect(isOlder(person('b', 1), person('a', 1))).toBe(false);
  });

  it('compares instants, not strings, whatever the offset', () => {
    const early = { participantId: 'z', joinedAt: '2026-01-05T15:00:00+07:00' }; // 08:00Z
    const late = { participantId: 'a', joinedAt: '2026-01-05T08:30:00Z' };
    expect(isOlder(early, late)).toBe(true);
  });

  it('makes the newer one offer, never both, never to oneself', () => {
    const old = person('p1', 1);
    const young = person('p2', 5);
    expect(offersTo(young, old)).toBe(true);
    expect(offersTo(old, young)).toBe(false);
    expect(offersTo(old, old)).toBe(false);
    const twinA = person('a', 3);
    const twinB = person('b', 3);
    expect(offersTo(twinA, twinB) !== offersTo(twinB, twinA)).toBe(true);
  });

  it('plans connections only between admitted people', () => {
    const list = [person('host', 0), person('p1', 1), person('me', 2), person('p3', 3), person('guest', 4, 'lobby')];
    const me = list[2];
    expect(peerPlan(me, list)).toEqual({ offerTo: ['host', 'p1'], answerFrom: ['p3'] });
    expect(peerPlan({ ...list[2]!, status: 'lobby' }, list)).toEqual({ offerTo: [], answerFrom: [] });
    expect(peerPlan(undefined, list)).toEqual({ offerTo: [], answerFrom: [] });
  });

  it('gives every pair exactly one offerer', () => {
    const list = [person('a', 4), person('b', 1), person('c', 1), person('d', 9)];
    for (const x of list) {
      for (const y of list) {
        if (x === y) continue;
        const xOffers = peerPlan(x, list).offerTo.includes(y.participantId);
        const yOffers = peerPlan(y, list).offerTo.includes(x.participantId);
        expect(xOffers !== yOffers, `${x.participantId}-${y.participantId}`).toBe(true);
      }
    }
  });
});

describe('reconcilePeers', () => {
  const host = person('host', 0);
  const me = person('me', 2);

  it('opens the connections I start, and waits for the others', () => {
    const list = [host, me, person('late', 5)];
    expect(reconcilePeers([], me, list)).toEqual({ close: [], open: ['host'] });
    expect(reconcilePeers(['host'], me, list)).toEqual({ close: [], open: [] });
  });

  it('closes connections to who left or went back to the lobby', () => {
    const list = [host, me, person('back', 5, 'lobby')];
    expect(reconcilePeers(['host', 'back', 'gone'], me, list)).toEqual({ close: ['back', 'gone'], open: [] });
  });

  it('closes everything when I am sent to the lobby or not listed', () => {
    const list = [host, { ...me, status: 'lobby' as const }];
    expect(reconcilePeers(['host'], list[1], list)).toEqual({ close: ['host'], open: [] });
    expect(reconcilePeers(['host'], undefined, [host])).toEqual({ close: ['host'], open: [] });
  });

  it('opens to an older participant who is admitted later (admission does not change joinedAt)', () => {
    const waiting = person('early-guest', 1, 'lobby');
    expect(reconcilePeers([], me, [host, me, waiting]).open).toEqual(['host']);
    expect(reconcilePeers(['host'], me, [host, me, { ...waiting, status: 'admitted' }]).open).toEqual(['early-guest']);
  });
});

describe('lists and layout', () => {
  it('sorts the admitted and the lobby by arrival', () => {
    const list = [person('c', 3), person('l2', 4, 'lobby'), person('a', 1), person('l1', 2, 'lobby')];
    expect(admittedInOrder(list).map((p) => p.participantId)).toEqual(['a', 'c']);
    expect(lobbyInOrder(list).map((p) => p.participantId)).toEqual(['l1', 'l2']);
  });

  it('picks grid columns for the tablet', () => {
    expect([1, 2, 3, 4, 5, 9].map(gridColumns)).toEqual([1, 2, 2, 2, 3, 3]);
  });

  it('tells fatal errors from refused actions', () => {
    expect(isFatalRoomError('FORBIDDEN')).toBe(true);
    expect(isFatalRoomError('REMOVED')).toBe(true);
    expect(isFatalRoomError('NOT_HOST')).toBe(false);
    expect(isFatalRoomError('NOT_IN_ROOM')).toBe(false);
  });

  it('names the media mode of a stream', () => {
    const stream = (audio: number, video: number) => ({
      getAudioTracks: () => new Array<unknown>(audio),
      getVideoTracks: () => new Array<unknown>(video),
    });
    expect(mediaModeOf(stream(1, 1))).toBe('full');
    expect(mediaModeOf(stream(1, 0))).toBe('audio-only');
    expect(mediaModeOf(stream(0, 1))).toBe('video-only');
    expect(mediaModeOf(stream(0, 0))).toBe('none');
    expect(mediaModeOf(null)).toBe('none');
  });

  it('makes initials from Vietnamese names', () => {
    expect(initials('Nguyễn Văn An')).toBe('NA');
    expect(initials('lan')).toBe('L');
    expect(initials('  ')).toBe('?');
  });
});
