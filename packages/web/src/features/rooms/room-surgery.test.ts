import type { ClientMessage, RoomParticipant, ServerMessage } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { INITIAL_RECORDING } from './recording-logic';
import { RoomEngine } from './room-engine';
import type { RoomView } from './room-types';

/** The room engine's surgery-support and recording parts: what it sends, and what it keeps in the view. */

const ROOM = 'vx-room_0123456789ab';
const me: RoomParticipant = {
  participantId: 'me',
  userId: 'u-me',
  name: 'BS. Minh',
  facilityName: 'BV huyện',
  host: false,
  status: 'admitted',
  joinedAt: '2026-01-05T08:00:00.000Z',
  handRaised: false,
  audio: true,
  video: true,
  mode: 'normal',
  epoch: 0,
  procedure: false,
  recordingConsent: null,
};
const stroke = (id: string) => ({ id, points: [[0.2, 0.3]] as [number, number][], color: 'yellow' as const, width: 4 });

/** A camera track stand-in: records the constraints asked of it. */
function fakeCamera() {
  const track = {
    kind: 'video',
    enabled: true,
    readyState: 'live',
    contentHint: '',
    asked: [] as MediaTrackConstraints[],
    applyConstraints(c: MediaTrackConstraints) {
      track.asked.push(c);
      return Promise.resolve();
    },
  };
  const stream = { getAudioTracks: () => [], getVideoTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  return { track, stream };
}

function setup(local: MediaStream | null = null) {
  const sent: ClientMessage[] = [];
  let view: RoomView | null = null;
  const engine = new RoomEngine(ROOM, {
    send: (m) => sent.push(m),
    onView: (v) => (view = v),
    // Alone in the room: no connection is made.
    PeerConnection: class {} as unknown as typeof RTCPeerConnection,
  });
  engine.connection('open', 1);
  engine.join(local);
  const receive = (m: ServerMessage) => engine.handle(m);
  receive({
    type: 'room.joined',
    roomId: ROOM,
    you: me,
    participants: [me, { ...me, participantId: 'surgeon', userId: 'u-s', procedure: true }],
    title: 'Hội chẩn ngoại khoa',
    iceServers: [],
    chat: [],
    media: 'p2p',
    annotations: [
      { target: 'surgeon', from: 'me', stroke: stroke('a1') },
      { target: 'surgeon', from: 'surgeon', stroke: stroke('a2') },
    ],
    recording: { ...INITIAL_RECORDING, state: 'asking', pending: ['me'] },
  });
  return { engine, sent, view: () => view!, receive };
}

describe('RoomEngine: annotations', () => {
  it('keeps the strokes given on joining, by stream', () => {
    const { view } = setup();
    expect(view().annotations['surgeon']!.map((a) => a.stroke.id)).toEqual(['a1', 'a2']);
  });

  it('applies the room’s strokes, undos and clears', () => {
    const { view, receive } = setup();
    receive({ type: 'room.annotation', roomId: ROOM, target: 'surgeon', from: 'x', action: { kind: 'stroke', stroke: stroke('a3') } });
    receive({ type: 'room.annotation', roomId: ROOM, target: 'surgeon', from: 'me', action: { kind: 'undo', strokeId: 'a1' } });
    expect(view().annotations['surgeon']!.map((a) => a.stroke.id)).toEqual(['a2', 'a3']);
    receive({ type: 'room.annotation', roomId: ROOM, target: 'surgeon', from: 'surgeon', action: { kind: 'clear' } });
    expect(view().annotations['surgeon']).toEqual([]);
  });

  it('ignores the messages of another room', () => {
    const { view, receive } = setup();
    receive({ type: 'room.annotation', roomId: 'vx-other_0123456789ab', target: 'surgeon', from: 'x', action: { kind: 'clear' } });
    expect(view().annotations['surgeon']).toHaveLength(2);
  });

  it('sends a stroke on a stream', () => {
    const { engine, sent } = setup();
    expect(engine.annotate('surgeon', { kind: 'stroke', stroke: stroke('n1') })).toBe(true);
    expect(sent.at(-1)).toEqual({
      type: 'room.annotate',
      roomId: ROOM,
      target: 'surgeon',
      action: { kind: 'stroke', stroke: stroke('n1') },
    });
  });

  it('shows NOT_PROCEDURE as a notice, the call going on', () => {
    const { view, receive } = setup();
    receive({ type: 'room.error', roomId: ROOM, code: 'NOT_PROCEDURE' });
    expect(view().notice).toBe('NOT_PROCEDURE');
    expect(view().phase).toBe('call');
  });
});

describe('RoomEngine: procedure camera', () => {
  it('says so in room.media, asks the camera for 720p30 and fine detail, and says it again when it stops', () => {
    const { track, stream } = fakeCamera();
    const { engine, sent, view } = setup(stream);
    const media = () => sent.filter((m) => m.type === 'room.media');
    expect(media().at(-1)).toEqual({ type: 'room.media', roomId: ROOM, audio: false, video: true, mode: 'normal', procedure: false });

    engine.setProcedure(true);
    expect(media().at(-1)).toMatchObject({ procedure: true, video: true, mode: 'normal' });
    expect(view().procedure).toBe(true);
    expect(track.contentHint).toBe('detail');
    expect(track.asked).toEqual([{ width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } }]);

    const count = media().length;
    engine.setProcedure(true);
    expect(media()).toHaveLength(count);

    engine.setProcedure(false);
    expect(media().at(-1)).toMatchObject({ procedure: false });
    expect(track.contentHint).toBe('');
    expect(view().procedure).toBe(false);
  });

  it('tells the room again after a re-join', () => {
    const { stream } = fakeCamera();
    const { engine, sent, receive } = setup(stream);
    engine.setProcedure(true);
    const before = sent.length;
    receive({
      type: 'room.joined',
      roomId: ROOM,
      you: me,
      participants: [me],
      title: 'Hội chẩn ngoại khoa',
      iceServers: [],
      chat: [],
      media: 'p2p',
      annotations: [],
      recording: INITIAL_RECORDING,
    });
    expect(sent.slice(before)).toContainEqual(expect.objectContaining({ type: 'room.media', procedure: true }));
  });
});

describe('RoomEngine: recording', () => {
  it('keeps the status given on joining, then the room’s updates', () => {
    const { view, receive } = setup();
    expect(view().recording).toMatchObject({ state: 'asking', pending: ['me'] });
    const on = { state: 'on' as const, pending: [], declined: [], missingPatientConsent: [], startedAt: '2026-01-05T08:10:00.000Z' };
    receive({ type: 'room.recording', roomId: ROOM, recording: on });
    expect(view().recording).toEqual(on);
  });

  it('sends the hosts’ actions and my answer', () => {
    const { engine, sent } = setup();
    engine.record('ask');
    expect(sent.at(-1)).toEqual({ type: 'room.record', roomId: ROOM, action: 'ask' });
    expect(engine.answerRecording(false)).toBe(true);
    expect(sent.at(-1)).toEqual({ type: 'room.recording_consent', roomId: ROOM, accept: false });
  });

  it('shows RECORDING_REFUSED as a notice', () => {
    const { view, receive } = setup();
    receive({ type: 'room.error', roomId: ROOM, code: 'RECORDING_REFUSED' });
    expect(view().notice).toBe('RECORDING_REFUSED');
  });
});
