import type { ClientMessage } from '@vuonxa/core';
import { PROCEDURE_CONSTRAINTS, videoSendSettings } from './annotation-logic';
import { AUDIO_ONLY_OPUS_BPS, SIMULCAST_RIDS, simulcastLowLayer } from './room-logic';
import type { SendMode } from './room-logic';
import type { ViewUpdate } from './room-types';

/** What the media part needs from the room engine. */
export interface MediaHost {
  readonly roomId: string;
  /** The mode I send in, as shown. */
  mode: () => SendMode;
  destroyed: () => boolean;
  /** The connection to each remote participant. */
  peers: () => ReadonlyMap<string, { readonly pc: RTCPeerConnection }>;
  update: ViewUpdate;
  /** Sends only while I am admitted; false when not sent. */
  participantAction: (message: ClientMessage) => boolean;
}

/**
 * What I send: the local stream (camera and microphone, owned by the caller), a shared screen, and the tracks and
 * caps of every connection's senders for the mode (no renegotiation).
 */
export class RoomMedia {
  local: MediaStream | null = null;
  private screen: MediaStream | null = null;
  private lastMedia = '';

  constructor(private readonly host: MediaHost) {}

  /** The devices changed (another camera or microphone chosen): the peers send the new tracks, on or off as before. */
  setLocal(local: MediaStream | null): void {
    if (local === this.local) return;
    const { micOn, cameraOn } = this.trackState();
    const had = this.local;
    this.local = local;
    if (this.procedure) this.tuneCamera();
    if (had) {
      for (const t of local?.getAudioTracks() ?? []) t.enabled = micOn;
      for (const t of local?.getVideoTracks() ?? []) t.enabled = cameraOn;
    }
    this.applyAll();
    this.changed();
  }

  setMic(on: boolean): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = on;
    this.changed();
  }

  setCamera(on: boolean): void {
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = on;
    this.changed();
  }

  /** Sends this screen (or window) instead of the camera until it ends (here, or from the browser's own bar). */
  share(screen: MediaStream): void {
    const track = screen.getVideoTracks()[0];
    if (!track || this.host.destroyed()) {
      for (const t of screen.getTracks()) t.stop();
      return;
    }
    this.stopShare();
    this.screen = screen;
    track.addEventListener('ended', () => {
      if (this.screen === screen) this.stopShare();
    });
    this.applyAll();
    this.changed();
  }

  stopShare(): void {
    const screen = this.screen;
    if (!screen) return;
    this.screen = null;
    for (const t of screen.getTracks()) t.stop();
    this.applyAll();
    this.changed();
  }

  /** Microphone and camera as the tracks say (on when enabled), and what the video senders carry. */
  trackState(): { micOn: boolean; cameraOn: boolean; sharing: MediaStream | null } {
    return {
      micOn: (this.local?.getAudioTracks() ?? []).some((t) => t.enabled && t.readyState === 'live'),
      cameraOn: (this.local?.getVideoTracks() ?? []).some((t) => t.enabled && t.readyState === 'live'),
      sharing: this.screen,
    };
  }

  /** Re-renders the controls and tells the room (once per change) what I now send. */
  changed(): void {
    this.host.update(this.trackState());
    this.publish();
  }

  /** The server keeps what I last said of my media; after (re)joining it hears it once more. */
  forgetPublished(): void {
    this.lastMedia = '';
  }

  publish(): void {
    const { micOn, cameraOn } = this.trackState();
    const mode = this.host.mode();
    const video = mode !== 'audio' && (this.screen !== null || cameraOn);
    const procedure = this.procedure;
    const key = `${micOn}|${video}|${mode}|${procedure}`;
    if (key === this.lastMedia) return;
    if (this.host.participantAction({ type: 'room.media', roomId: this.host.roomId, audio: micOn, video, mode, procedure }))
      this.lastMedia = key;
  }

  // ——— Procedure camera (surgery support) ———

  /** I stream a procedure camera: the camera at high quality, the video sender capped higher and keeping resolution. */
  private procedure = false;

  setProcedure(on: boolean): void {
    if (on === this.procedure) return;
    this.procedure = on;
    this.tuneCamera();
    this.applyAll();
    this.host.update({ procedure: on });
    this.publish();
  }

  /** Asks the camera for 720p at 30 fps and tells the encoder that fine detail matters (or lifts the hint). */
  private tuneCamera(): void {
    for (const track of this.local?.getVideoTracks() ?? []) {
      if ('contentHint' in track) track.contentHint = this.procedure ? 'detail' : '';
      // A camera that cannot do it keeps what it does: the call goes on.
      if (this.procedure && typeof track.applyConstraints === 'function')
        track.applyConstraints(PROCEDURE_CONSTRAINTS).catch(() => undefined);
    }
  }

  /** The video sender's caps: the mode's, or the procedure camera's in `normal` mode (see `videoSendSettings`). */
  private async encodeVideo(sender: RTCRtpSender, mode: SendMode): Promise<void> {
    const { encoding, degradation } = videoSendSettings(mode, this.procedure);
    await encode(sender, encoding);
    await encodeLowLayer(sender, mode);
    await preferDegradation(sender, degradation);
  }

  // ——— End of procedure camera ———

  /** The track each video sender carries: the shared screen, else the camera; none in sound-only mode. */
  private videoTrack(): MediaStreamTrack | null {
    if (this.host.mode() === 'audio') return null;
    const screen = this.screen?.getVideoTracks().find((t) => t.readyState === 'live');
    return screen ?? this.local?.getVideoTracks().find((t) => t.readyState === 'live') ?? null;
  }

  private audioTrack(): MediaStreamTrack | null {
    return this.local?.getAudioTracks().find((t) => t.readyState === 'live') ?? null;
  }

  /** A new connection's senders: my tracks, or a transceiver kept ready for them. */
  addLocalTracks(pc: RTCPeerConnection, offerer: boolean): void {
    const local = this.local ?? this.screen;
    for (const kind of ['audio', 'video'] as const) {
      // The camera even in sound-only mode (the sender carries nothing until the mode goes up), or the screen.
      const track =
        kind === 'audio'
          ? this.audioTrack()
          : (this.screen?.getVideoTracks().find((t) => t.readyState === 'live') ??
            this.local?.getVideoTracks().find((t) => t.readyState === 'live'));
      // After the other's offer, addTrack reuses the transceiver the offer created for this kind.
      if (track && local) pc.addTrack(track, local);
      // Without a device now, still able to send one later (another device, a shared screen) without renegotiating.
      else if (offerer) pc.addTransceiver(kind, { direction: 'sendrecv' });
      else
        for (const t of pc.getTransceivers?.() ?? [])
          if (t.receiver.track.kind === kind && t.direction === 'recvonly') t.direction = 'sendrecv';
    }
  }

  // ——— Media-server links (see room-sfu.ts) ———

  /** The microphone's cap for a mode: Opus at a low rate in sound-only mode (the SFU path sets its own). */
  audioCap: (mode: SendMode) => number | undefined = (mode) => (mode === 'audio' ? AUDIO_ONLY_OPUS_BPS : undefined);

  /** A microphone to send (the SFU `audio` link is receive-only without one). */
  hasMicrophone(): boolean {
    return this.audioTrack() !== null;
  }

  /**
   * The one sender of an SFU link: the microphone on `audio` (receive only without one; the mix comes back), the
   * shared screen or else the camera on `publish` (send only, kept without a device for a screen or camera later).
   */
  addSfuSender(pc: RTCPeerConnection, link: 'audio' | 'publish'): void {
    if (link === 'audio') {
      const track = this.audioTrack();
      if (track) pc.addTransceiver(track, { direction: 'sendrecv' });
      else pc.addTransceiver('audio', { direction: 'recvonly' });
      return;
    }
    const track =
      this.screen?.getVideoTracks().find((t) => t.readyState === 'live') ??
      this.local?.getVideoTracks().find((t) => t.readyState === 'live');
    // Two simulcast layers: the server gives the small one to sites in low mode.
    const low = simulcastLowLayer(this.host.mode());
    pc.addTransceiver(track ?? 'video', {
      direction: 'sendonly',
      sendEncodings: [
        { rid: SIMULCAST_RIDS[0] },
        { rid: SIMULCAST_RIDS[1], scaleResolutionDownBy: low.scaleResolutionDownBy, maxBitrate: low.maxBitrate },
      ],
    });
  }

  // ——— End of media-server links ———

  applyAll(): void {
    for (const peer of this.host.peers().values()) void this.applyMedia(peer.pc);
  }

  /** Puts the right tracks on a connection's senders and caps them for the mode (no renegotiation). */
  async applyMedia(pc: RTCPeerConnection): Promise<void> {
    if (typeof pc.getTransceivers !== 'function') return;
    const mode = this.host.mode();
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.currentDirection === 'stopped' || pc.connectionState === 'closed') continue;
      const kind = transceiver.receiver.track.kind;
      const sender = transceiver.sender;
      const track = kind === 'video' ? this.videoTrack() : this.audioTrack();
      try {
        if (sender.track !== track) await sender.replaceTrack(track);
        if (kind === 'video') {
          if (track) await this.encodeVideo(sender, mode);
        } else await encode(sender, { maxBitrate: this.audioCap(mode) });
      } catch {
        // Not negotiated yet, or closed meanwhile: applied again once connected.
      }
    }
  }
}

/**
 * A simulcast sender (media-server publish link): the small layer follows the mode, and in low mode only it is
 * sent. A sender without layers is left alone.
 */
async function encodeLowLayer(sender: RTCRtpSender, mode: SendMode): Promise<void> {
  const params = sender.getParameters();
  const high = params.encodings?.find((e) => e.rid === SIMULCAST_RIDS[0]);
  const small = params.encodings?.find((e) => e.rid === SIMULCAST_RIDS[1]);
  if (!high || !small) return;
  const want = simulcastLowLayer(mode);
  const highActive = mode !== 'low';
  if (
    high.active === highActive &&
    small.active === want.active &&
    small.maxBitrate === want.maxBitrate &&
    small.scaleResolutionDownBy === want.scaleResolutionDownBy &&
    small.maxFramerate === want.maxFramerate
  )
    return;
  high.active = highActive;
  Object.assign(small, want);
  await sender.setParameters(params);
}

/** Sets the main encoding of a sender: the full simulcast layer, else the only one (`undefined` removes a setting). */
async function encode(
  sender: RTCRtpSender,
  values: Partial<Record<'maxBitrate' | 'scaleResolutionDownBy' | 'maxFramerate', number | undefined>>,
): Promise<void> {
  const params = sender.getParameters();
  const first = params.encodings?.find((e) => e.rid === SIMULCAST_RIDS[0]) ?? params.encodings?.[0];
  if (!first) return;
  let changed = false;
  const target = first as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    if (target[key] === value) continue;
    changed = true;
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  if (changed) await sender.setParameters(params);
}

/**
 * Sets what the encoder gives up first under pressure, where the browser supports it; `undefined` goes back to
 * `balanced` only where the procedure camera had set `maintain-resolution` (else it leaves the browser's choice).
 */
async function preferDegradation(sender: RTCRtpSender, preference: RTCDegradationPreference | undefined): Promise<void> {
  const params = sender.getParameters();
  const current = params.degradationPreference;
  if (preference === undefined ? current !== 'maintain-resolution' : current === preference) return;
  params.degradationPreference = preference ?? 'balanced';
  try {
    await sender.setParameters(params);
  } catch {
    // Not supported here (some browsers refuse the field): the bitrate cap alone applies.
  }
}
