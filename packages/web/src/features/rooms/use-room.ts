import type { AnnotationAction } from '@vuonxa/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRealtime, useRealtimeConnection } from '../notifications/use-realtime';
import type { RealtimeStatus } from '../notifications/use-realtime';
import { RoomEngine } from './room-engine';
import type { SendMode } from './room-logic';
import { INITIAL_ROOM_VIEW } from './room-types';
import type { RoomView } from './room-types';

export { RoomEngine } from './room-engine';
export { INITIAL_ROOM_VIEW } from './room-types';
export type { RemotePeer, RoomInfo, RoomPhase, RoomTestHandle, RoomView } from './room-types';

export interface RoomControls {
  view: RoomView;
  /** The socket's state, for a "reconnecting" banner. */
  connection: RealtimeStatus;
  join: (local: MediaStream | null, mode?: SendMode) => void;
  leave: () => void;
  admit: (participantId: string) => void;
  sendToLobby: (participantId: string) => void;
  remove: (participantId: string) => void;
  askToMute: (participantId: string) => void;
  dismissNotice: () => void;
  dismissInfo: () => void;
  /** Back to the pre-join screen (after leaving). */
  prepare: () => void;
  /** Takes the seat back from another tab. */
  reclaim: () => void;
  setLocal: (local: MediaStream | null) => void;
  setMic: (on: boolean) => void;
  setCamera: (on: boolean) => void;
  setMode: (mode: SendMode) => void;
  setHand: (raised: boolean) => void;
  /** False when not sent (empty, or not in the call). */
  sendChat: (text: string) => boolean;
  share: (screen: MediaStream) => void;
  stopShare: () => void;
  /** Surgery support: stream my camera as a procedure camera, and draw on a procedure stream. */
  setProcedure: (on: boolean) => void;
  /** False when not sent (not in the call). */
  annotate: (target: string, action: AnnotationAction) => boolean;
  /** Hosts: the recording's ask, start, stop, cancel. */
  record: (action: 'ask' | 'start' | 'stop' | 'cancel') => void;
  /** My answer to the recording notice; false when not sent. */
  answerRecording: (accept: boolean) => boolean;
}

/**
 * One live room over the app's WebSocket: joining, the lobby, host actions and the peer connections.
 * Leaving the page leaves the room.
 *
 * @example
 * const room = useRoom(roomId);
 * <Button onClick={() => room.join(stream)}>Join</Button>
 */
export function useRoom(roomId: string): RoomControls {
  const { send, status, generation } = useRealtimeConnection();
  const [view, setView] = useState<RoomView>(INITIAL_ROOM_VIEW);
  const engine = useRef<RoomEngine | null>(null);
  const sendRef = useRef(send);

  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  useEffect(() => {
    const e = new RoomEngine(roomId, { send: (m) => sendRef.current(m), onView: setView });
    engine.current = e;
    if (typeof window !== 'undefined') window.__vxRoom = e.testHandle();
    return () => {
      e.destroy();
      if (engine.current === e) engine.current = null;
    };
  }, [roomId]);

  useEffect(() => {
    engine.current?.connection(status, generation);
  }, [status, generation, roomId]);

  useRealtime((m) => engine.current?.handle(m));

  // No goodbye on closing or reloading the tab: the server keeps the seat (and an admission) for a minute, so a
  // reload comes back into the call instead of the lobby. Leaving the page inside the app does leave the room.

  // Stable functions: screens may list them as effect dependencies.
  const actions = useMemo<Omit<RoomControls, 'view' | 'connection'>>(
    () => ({
      join: (local, mode) => engine.current?.join(local, mode),
      leave: () => engine.current?.leave(),
      admit: (id) => engine.current?.admit(id),
      sendToLobby: (id) => engine.current?.sendToLobby(id),
      remove: (id) => engine.current?.remove(id),
      askToMute: (id) => engine.current?.askToMute(id),
      dismissNotice: () => engine.current?.dismissNotice(),
      dismissInfo: () => engine.current?.dismissInfo(),
      prepare: () => engine.current?.prepare(),
      reclaim: () => engine.current?.reclaim(),
      setLocal: (local) => engine.current?.setLocal(local),
      setMic: (on) => engine.current?.setMic(on),
      setCamera: (on) => engine.current?.setCamera(on),
      setMode: (mode) => engine.current?.setMode(mode),
      setHand: (raised) => engine.current?.setHand(raised),
      sendChat: (text) => engine.current?.sendChat(text) ?? false,
      share: (screen) => engine.current?.share(screen),
      stopShare: () => engine.current?.stopShare(),
      setProcedure: (on) => engine.current?.setProcedure(on),
      annotate: (target, action) => engine.current?.annotate(target, action) ?? false,
      record: (action) => engine.current?.record(action),
      answerRecording: (accept) => engine.current?.answerRecording(accept) ?? false,
    }),
    [],
  );

  return { view, connection: status, ...actions };
}
