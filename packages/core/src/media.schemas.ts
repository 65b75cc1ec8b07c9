import { z } from 'zod';

/**
 * Live rooms: signaling over the app's one WebSocket. A room belongs to a live consultation session (its
 * `roomId`); the server decides who may enter, keeps guests in the lobby until a host admits them, and relays
 * WebRTC offers, answers and ICE candidates only between admitted participants.
 */
export const roomIdSchema = z.string().regex(/^vx-[A-Za-z0-9_-]{12,64}$/, 'A room id');

export const ROOM_ERRORS = ['NOT_FOUND', 'FORBIDDEN', 'NOT_OPEN', 'REMOVED', 'NOT_IN_ROOM', 'NOT_HOST'] as const;

/** One person in a room. `host`: chair, secretary or the hub's coordinators; they admit, send back and remove. */
export const roomParticipantSchema = z.object({
  participantId: z.string(),
  userId: z.string(),
  name: z.string(),
  facilityName: z.string().nullable(),
  host: z.boolean(),
  status: z.enum(['lobby', 'admitted']),
  joinedAt: z.string(),
  handRaised: z.boolean(),
  /** What the participant says it sends: microphone, camera, and the mode it chose or stepped down to. */
  audio: z.boolean(),
  video: z.boolean(),
  mode: z.enum(['normal', 'low', 'audio']),
  /** Goes up each time the person takes the seat back (reconnect, reload, another tab): peers rebuild their link. */
  epoch: z.number().int(),
});
export type RoomParticipant = z.infer<typeof roomParticipantSchema>;

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServerConfig = z.infer<typeof iceServerSchema>;

/** What a peer sends another: an SDP description or a trickled ICE candidate (RFC 8829 JSEP). */
export const signalDataSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), sdp: z.string().max(100_000) }),
  z.object({ type: z.literal('answer'), sdp: z.string().max(100_000) }),
  z.object({
    type: z.literal('candidate'),
    candidate: z.object({
      candidate: z.string().max(2_000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof signalDataSchema>;

export const MEDIA_MODES = ['normal', 'low', 'audio'] as const;
/** Video caps per mode (bits per second); `audio` sends no video and Opus at a low rate (issue 5: ~40 kbps usable). */
export const MODE_VIDEO_BITRATE: Record<(typeof MEDIA_MODES)[number], number> = { normal: 1_500_000, low: 300_000, audio: 0 };

export const chatMessageSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  text: z.string(),
  at: z.string(),
});
export type RoomChatMessage = z.infer<typeof chatMessageSchema>;

export const roomClientMessages = [
  z.object({ type: z.literal('room.join'), roomId: roomIdSchema }),
  z.object({ type: z.literal('room.leave'), roomId: roomIdSchema }),
  z.object({ type: z.literal('room.signal'), roomId: roomIdSchema, to: z.string().max(64), data: signalDataSchema }),
  z.object({ type: z.literal('room.admit'), roomId: roomIdSchema, participantId: z.string().max(64) }),
  z.object({ type: z.literal('room.send_to_lobby'), roomId: roomIdSchema, participantId: z.string().max(64) }),
  z.object({ type: z.literal('room.remove'), roomId: roomIdSchema, participantId: z.string().max(64) }),
  z.object({ type: z.literal('room.chat'), roomId: roomIdSchema, text: z.string().trim().min(1).max(2_000) }),
  z.object({ type: z.literal('room.hand'), roomId: roomIdSchema, raised: z.boolean() }),
  z.object({ type: z.literal('room.media'), roomId: roomIdSchema, audio: z.boolean(), video: z.boolean(), mode: z.enum(MEDIA_MODES) }),
  /** A host asks a participant to mute (the participant's app obeys; media stays under each person's control). */
  z.object({ type: z.literal('room.mute'), roomId: roomIdSchema, participantId: z.string().max(64) }),
] as const;

export const roomServerMessages = [
  /** Sent to the joiner: who they are in the room, who is there, how to reach them. */
  z.object({
    type: z.literal('room.joined'),
    roomId: z.string(),
    you: roomParticipantSchema,
    participants: z.array(roomParticipantSchema),
    title: z.string(),
    iceServers: z.array(iceServerSchema),
    /** The session's chat so far (kept with the session record). */
    chat: z.array(chatMessageSchema),
  }),
  z.object({ type: z.literal('room.chat'), roomId: z.string(), message: chatMessageSchema }),
  z.object({ type: z.literal('room.mute_requested'), roomId: z.string() }),
  /** Sent to a tab whose seat another tab (or a reconnect) of the same person has taken. */
  z.object({ type: z.literal('room.superseded'), roomId: z.string() }),
  /** The room's people changed (arrival, admission, departure). */
  z.object({ type: z.literal('room.participants'), roomId: z.string(), participants: z.array(roomParticipantSchema) }),
  z.object({ type: z.literal('room.signal'), roomId: z.string(), from: z.string(), data: signalDataSchema }),
  z.object({ type: z.literal('room.removed'), roomId: z.string() }),
  z.object({ type: z.literal('room.error'), roomId: z.string(), code: z.enum(ROOM_ERRORS) }),
] as const;
