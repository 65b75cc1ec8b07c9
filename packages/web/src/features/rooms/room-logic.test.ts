import type { RoomParticipant } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import {
  admittedInOrder,
  decideStepDown,
  handsFirst,
  inboundReading,
  kbps,
  linkQuality,
  loudest,
  outboundReading,
  recommendMode,
  videoEncodingFor,
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
  procedure: false,
  recordingConsent: null,
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

describe('weak links', () => {
  const good = { availableBps: 2_000_000, loss: 0.01, rtt: 0.05 };
  const slow = { availableBps: 350_000, loss: 0, rtt: 0.3 };
  const lossy = { availableBps: 2_000_000, loss: 0.12, rtt: 0.1 };

  it('reads the selected pair, the worst remote loss and the round trip', () => {
    const r = outboundReading([
      { type: 'transport', selectedCandidatePairId: 'cp2' },
      { type: 'candidate-pair', id: 'cp1', state: 'succeeded', availableOutgoingBitrate: 9 },
      { type: 'candidate-pair', id: 'cp2', state: 'succeeded', availableOutgoingBitrate: 640_000, currentRoundTripTime: 0.08 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.02, roundTripTime: 0.09 },
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.1 },
      { type: 'outbound-rtp', kind: 'video' },
    ]);
    expect(r).toEqual({ availableBps: 640_000, loss: 0.1, rtt: 0.08 });
    expect(outboundReading([])).toEqual({ availableBps: null, loss: null, rtt: null });
  });

  it('steps down one mode after two weak readings in a row, never up', () => {
    let s = decideStepDown('normal', 0, [good, slow]);
    expect(s).toEqual({ mode: 'normal', streak: 1, stepped: false });
    s = decideStepDown(s.mode, s.streak, [slow]);
    expect(s).toEqual({ mode: 'low', streak: 0, stepped: true });
    s = decideStepDown(s.mode, s.streak, [lossy]);
    expect(s.mode).toBe('low');
    s = decideStepDown(s.mode, s.streak, [lossy]);
    expect(s).toEqual({ mode: 'audio', streak: 0, stepped: true });
    // Sound only is the floor, and good readings never raise the mode.
    expect(decideStepDown('audio', 5, [slow])).toEqual({ mode: 'audio', streak: 0, stepped: false });
    expect(decideStepDown('low', 1, [good])).toEqual({ mode: 'low', streak: 0, stepped: false });
  });

  it('forgets a single weak reading followed by a good one', () => {
    const a = decideStepDown('normal', 0, [slow]);
    const b = decideStepDown(a.mode, a.streak, [good]);
    const c = decideStepDown(b.mode, b.streak, [slow]);
    expect(c).toEqual({ mode: 'normal', streak: 1, stepped: false });
  });

  it('does not count unmeasured values as weak', () => {
    expect(decideStepDown('normal', 1, [{ availableBps: null, loss: null, rtt: null }]).mode).toBe('normal');
    expect(decideStepDown('normal', 1, []).mode).toBe('normal');
  });

  it('caps video per mode', () => {
    expect(videoEncodingFor('normal')).toEqual({ maxBitrate: 1_500_000, scaleResolutionDownBy: 1 });
    expect(videoEncodingFor('low')).toEqual({ maxBitrate: 300_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
  });
});

describe('connection quality of a remote tile', () => {
  it('computes the loss since the previous reading', () => {
    const first = inboundReading(
      [
        { type: 'inbound-rtp', kind: 'video', packetsLost: 10, packetsReceived: 990, jitter: 0.01, framesPerSecond: 30 },
        { type: 'inbound-rtp', kind: 'audio', packetsLost: 0, packetsReceived: 500, jitter: 0.02, audioLevel: 0.3 },
      ],
      null,
    );
    expect(first.counters).toEqual({ packetsLost: 10, packetsReceived: 1490 });
    expect(first.loss).toBeCloseTo(10 / 1500);
    expect(first.jitter).toBe(0.02);
    expect(first.fps).toBe(30);
    expect(first.audioLevel).toBe(0.3);
    const second = inboundReading([{ type: 'inbound-rtp', kind: 'video', packetsLost: 30, packetsReceived: 1170 }], first.counters);
    expect(second.loss).toBeCloseTo(20 / (20 + 0));
    expect(inboundReading([], null)).toMatchObject({ loss: 0, jitter: 0, fps: null, audioLevel: null });
  });

  it('grades good, fair and poor', () => {
    expect(linkQuality({ loss: 0.01, jitter: 0.01, fps: 30 }, true)).toBe('good');
    expect(linkQuality({ loss: 0.05, jitter: 0.01, fps: 30 }, true)).toBe('fair');
    expect(linkQuality({ loss: 0, jitter: 0.05, fps: 30 }, true)).toBe('fair');
    expect(linkQuality({ loss: 0, jitter: 0, fps: 8 }, true)).toBe('fair');
    expect(linkQuality({ loss: 0, jitter: 0, fps: 15 }, true)).toBe('good');
    expect(linkQuality({ loss: 0.2, jitter: 0, fps: 30 }, true)).toBe('poor');
    expect(linkQuality({ loss: 0, jitter: 0.2, fps: 30 }, true)).toBe('poor');
    expect(linkQuality({ loss: 0, jitter: 0, fps: 3 }, true)).toBe('poor');
    // A sound-only participant sends no frames: that is not a bad link.
    expect(linkQuality({ loss: 0, jitter: 0, fps: 0 }, false)).toBe('good');
  });
});

describe('speaker, network test and hands', () => {
  it('picks the loudest, keeping the last speaker through silence', () => {
    expect(loudest({ a: 0.1, b: 0.4, c: null }, null)).toBe('b');
    expect(loudest({ a: 0.001, b: 0.0 }, 'b')).toBe('b');
    expect(loudest({ a: 0.001 }, 'gone')).toBe('a');
    expect(loudest({}, null)).toBeNull();
  });

  it('recommends a mode from the measured speed', () => {
    expect(kbps(250_000, 1_000)).toBe(2_000);
    expect(kbps(1, 0)).toBe(0);
    expect(recommendMode(2_000)).toBe('normal');
    expect(recommendMode(1_500)).toBe('normal');
    expect(recommendMode(600)).toBe('low');
    expect(recommendMode(299)).toBe('audio');
  });

  it('lists raised hands first, each group in order of arrival', () => {
    const a = person('a', 1);
    const b = { ...person('b', 2), handRaised: true };
    const c = person('c', 3);
    const d = { ...person('d', 4), handRaised: true };
    expect(handsFirst([d, c, b, a, person('e', 5, 'lobby')]).map((p) => p.participantId)).toEqual(['b', 'd', 'a', 'c']);
  });
});
