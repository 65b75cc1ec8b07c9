import { z } from 'zod';

/**
 * Live rooms: signaling over the app's one WebSocket. A room belongs to a live consultation session (its
 * `roomId`); the server decides who may enter, keeps guests in the lobby until a host admits them, and relays
 * WebRTC offers, answers and ICE candidates only between admitted participants.
 */
export const roomIdSchema = z.string().regex(/^vx-[A-Za-z0-9_-]{12,64}$/, 'A room id');

export const ROOM_ERRORS = [
  'NOT_FOUND',
  'FORBIDDEN',
  'NOT_OPEN',
  'REMOVED',
  'NOT_IN_ROOM',
  'NOT_HOST',
  /** The media server did not answer: the call goes on without that link (shown, retried). */
  'MEDIA_UNAVAILABLE',
  /** Recording asked while not every participant (or patient) agreed, or without the media server. */
  'RECORDING_REFUSED',
  /** Annotations go only on a participant who streams a procedure camera. */
  'NOT_PROCEDURE',
  /** A chat line was shown to the room but could not be kept with the session (the database refused it). */
  'CHAT_NOT_KEPT',
] as const;

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
  /** Streams a procedure camera (surgery support): sent at high quality, others may draw on it. */
  procedure: z.boolean(),
  /** Answer to the recording notice: null while not asked (or not yet answered). */
  recordingConsent: z.enum(['accepted', 'declined']).nullable(),
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

/**
 * The media paths. `p2p`: one connection per pair (two or three people, no media server). `sfu`: through Janus,
 * driven by the server: each participant has a `publish` link (camera or screen to the VideoRoom), a `subscribe`
 * link (the others' video, offered by the server) and an `audio` link (the AudioBridge mix, one stream whatever
 * the number of sites). The browser never talks to Janus: the server relays and authorizes every step.
 */
export const MEDIA_PATHS = ['p2p', 'sfu'] as const;
export const SFU_LINKS = ['publish', 'subscribe', 'audio'] as const;
export type SfuLink = (typeof SFU_LINKS)[number];
/** Which participant's video a subscribe-link `mid` carries (sent with each offer of the subscribe link). */
export const sfuStreamSchema = z.object({ mid: z.string().max(16), participantId: z.string(), kind: z.enum(['audio', 'video']) });
export type SfuStream = z.infer<typeof sfuStreamSchema>;

/** Surgery support: a stroke drawn on a procedure stream, in coordinates relative to the video frame (0..1). */
export const ANNOTATION_COLORS = ['red', 'yellow', 'green', 'blue', 'white'] as const;
export const annotationStrokeSchema = z.object({
  id: z.string().min(1).max(40),
  points: z
    .array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]))
    .min(1)
    .max(500),
  color: z.enum(ANNOTATION_COLORS),
  width: z.number().min(1).max(12),
});
export type AnnotationStroke = z.infer<typeof annotationStrokeSchema>;
export const annotationActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stroke'), stroke: annotationStrokeSchema }),
  z.object({ kind: z.literal('undo'), strokeId: z.string().max(40) }),
  z.object({ kind: z.literal('clear') }),
]);
export type AnnotationAction = z.infer<typeof annotationActionSchema>;
/** A stroke as kept by the room (latest first-drawn order), with who drew it on whose stream. */
export const annotationSchema = z.object({ target: z.string(), from: z.string(), stroke: annotationStrokeSchema });
export type Annotation = z.infer<typeof annotationSchema>;

/**
 * Recording with consent: a host asks (`asking`, every admitted participant is told and answers); it starts only
 * when all have accepted and every patient on the agenda has a recorded consent; `on` until a host stops it.
 */
export const RECORDING_STATES = ['off', 'asking', 'on'] as const;
export const recordingStatusSchema = z.object({
  state: z.enum(RECORDING_STATES),
  /** Participant ids who have not answered yet, and those who declined. */
  pending: z.array(z.string()),
  declined: z.array(z.string()),
  /** Agenda cases whose patient's consent to recording is not recorded (consult refs). */
  missingPatientConsent: z.array(z.string()),
  startedAt: z.string().nullable(),
});
export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

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
  z.object({
    type: z.literal('room.media'),
    roomId: roomIdSchema,
    audio: z.boolean(),
    video: z.boolean(),
    mode: z.enum(MEDIA_MODES),
    procedure: z.boolean().optional(),
  }),
  /** Media-server signaling of one of my links (offer of publish/audio, answer of subscribe, candidates). */
  z.object({ type: z.literal('room.sfu'), roomId: roomIdSchema, link: z.enum(SFU_LINKS), data: signalDataSchema }),
  /** Draw on (or undo, or clear) a procedure stream. */
  z.object({ type: z.literal('room.annotate'), roomId: roomIdSchema, target: z.string().max(64), action: annotationActionSchema }),
  /** A host asks to record, starts once everyone agreed, or stops. */
  z.object({ type: z.literal('room.record'), roomId: roomIdSchema, action: z.enum(['ask', 'start', 'stop', 'cancel']) }),
  /** My answer to the recording notice. */
  z.object({ type: z.literal('room.recording_consent'), roomId: roomIdSchema, accept: z.boolean() }),
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
    /** How media flows in this room (see MEDIA_PATHS). */
    media: z.enum(MEDIA_PATHS),
    annotations: z.array(annotationSchema),
    recording: recordingStatusSchema,
  }),
  /** Media-server signaling for one of my links; a subscribe offer lists whose video each `mid` carries. */
  z.object({
    type: z.literal('room.sfu'),
    roomId: z.string(),
    link: z.enum(SFU_LINKS),
    data: signalDataSchema,
    streams: z.array(sfuStreamSchema).optional(),
  }),
  /** Through the media server: who started or stopped talking (the sound bridge hears each site apart). */
  z.object({ type: z.literal('room.speaking'), roomId: z.string(), participantId: z.string(), talking: z.boolean() }),
  /** The server closed one of my links (I went to audio-only, or it was rebuilt): drop it. */
  z.object({ type: z.literal('room.sfu_closed'), roomId: z.string(), link: z.enum(SFU_LINKS) }),
  z.object({
    type: z.literal('room.annotation'),
    roomId: z.string(),
    target: z.string(),
    from: z.string(),
    action: annotationActionSchema,
  }),
  z.object({ type: z.literal('room.recording'), roomId: z.string(), recording: recordingStatusSchema }),
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
