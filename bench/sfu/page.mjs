// Runs in each Chromium page of `bench/sfu.ts` (served as a module, not bundled): one "site" talking to Janus's
// WebSocket API directly, as the server would on its behalf. Exposes `window.vx` for the bench to drive with
// page.evaluate; every method resolves when its step is done (or rejects with Janus's error).
const JANUS_URL = 'ws://127.0.0.1:8188/';
const CONNECT_TIMEOUT_MS = 30_000;

const ws = new WebSocket(JANUS_URL, 'janus-protocol');
const opened = new Promise((resolve, reject) => {
  ws.onopen = resolve;
  ws.onerror = () => reject(new Error(`no Janus at ${JANUS_URL}`));
});
/** transaction → { resolve, reject, ackOnly } */
const pending = new Map();
/** Unsolicited events per kind (webrtcup, media, slowlink, hangup…), for the report. */
const counters = {};
let sessionId = 0;

ws.onmessage = ({ data }) => {
  const m = JSON.parse(data);
  const p = m.transaction ? pending.get(m.transaction) : undefined;
  if (p && (m.janus !== 'ack' || p.ackOnly)) {
    pending.delete(m.transaction);
    const err = m.janus === 'error' ? m.error : m.plugindata?.data?.error ? m.plugindata.data : null;
    if (err) p.reject(new Error(`Janus ${err.code ?? err.error_code}: ${err.reason ?? err.error}`));
    else p.resolve(m);
    return;
  }
  if (!m.transaction || m.janus !== 'ack') counters[m.janus] = (counters[m.janus] ?? 0) + 1;
};

function call(msg, ackOnly = false) {
  return new Promise((resolve, reject) => {
    const transaction = Math.random().toString(36).slice(2);
    pending.set(transaction, { resolve, reject, ackOnly });
    ws.send(JSON.stringify({ ...msg, transaction }));
  });
}

async function session() {
  if (sessionId) return sessionId;
  await opened;
  sessionId = (await call({ janus: 'create' })).data.id;
  setInterval(() => void call({ janus: 'keepalive', session_id: sessionId }, true).catch(() => undefined), 20_000);
  return sessionId;
}

async function attach(plugin) {
  const session_id = await session();
  const handle_id = (await call({ janus: 'attach', plugin, session_id })).data.id;
  return {
    detach: () => call({ janus: 'detach', session_id, handle_id }).catch(() => undefined),
    /** A plugin request; resolves with Janus's `success` (synchronous requests) or `event` (asynchronous ones). */
    message: (body, jsep) => call({ janus: 'message', session_id, handle_id, body, ...(jsep ? { jsep } : {}) }),
    /** Trickles a connection's candidates to this handle (only 127.0.0.x ones: the namespace has nothing else). */
    trickle(pc) {
      pc.onicecandidate = ({ candidate }) => {
        if (candidate && !/ 127\.0\.0\.\d+ /.test(candidate.candidate)) return;
        void call({ janus: 'trickle', session_id, handle_id, candidate: candidate ? candidate.toJSON() : { completed: true } }, true).catch(
          () => undefined,
        );
      };
    },
  };
}

async function connected(pc, what) {
  const end = Date.now() + CONNECT_TIMEOUT_MS;
  while (pc.connectionState !== 'connected') {
    if (Date.now() > end || pc.connectionState === 'failed') throw new Error(`${what}: ICE ${pc.connectionState}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pcs = { publish: null, subscribe: null, audio: null };
let videoSender = null;

async function setEncoding(sender, values) {
  const params = sender.getParameters();
  const first = params.encodings[0];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) delete first[k];
    else first[k] = v;
  }
  await sender.setParameters(params);
}

window.vx = {
  /** Janus's `info`: version and plugins. */
  async info() {
    await opened;
    const i = await call({ janus: 'info' });
    return {
      version: i.version_string,
      plugins: Object.fromEntries(Object.entries(i.plugins ?? {}).map(([k, v]) => [k, v.version_string])),
    };
  },

  /** Creates a room with a throwaway handle (`request: 'create'` of the VideoRoom or the AudioBridge). */
  async createRoom(plugin, params) {
    const h = await attach(plugin);
    try {
      await h.message({ request: 'create', ...params });
    } finally {
      await h.detach();
    }
  },

  async destroyRoom(plugin, room) {
    const h = await attach(plugin);
    await h.message({ request: 'destroy', room }).catch(() => undefined);
    await h.detach();
  },

  /** Joins a VideoRoom as a publisher and sends the fake camera with one encoding; resolves once ICE is up. */
  async publish({ room, display, width, height, fps, encoding }) {
    const h = await attach('janus.plugin.videoroom');
    const joined = await h.message({ request: 'join', ptype: 'publisher', room, display });
    const feed = joined.plugindata.data.id;
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { exact: width }, height: { exact: height }, frameRate: { ideal: fps, max: fps } },
      audio: false,
    });
    const track = stream.getVideoTracks()[0];
    const pc = (pcs.publish = new RTCPeerConnection({ iceServers: [] }));
    h.trickle(pc);
    const clean = Object.fromEntries(Object.entries(encoding).filter(([, v]) => v !== undefined && v !== null));
    const t = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream], sendEncodings: [clean] });
    videoSender = t.sender;
    await pc.setLocalDescription();
    const res = await h.message({ request: 'publish' }, { type: 'offer', sdp: pc.localDescription.sdp });
    await pc.setRemoteDescription(res.jsep);
    await connected(pc, 'publisher');
    return { feed, settings: track.getSettings() };
  },

  /** Changes the publisher's encoding in place (as the app does when the mode changes: no renegotiation). */
  async setVideoEncoding(encoding) {
    await setEncoding(videoSender, encoding);
    return videoSender.getParameters().encodings[0];
  },

  /** One multistream subscriber handle to these feeds; resolves once ICE is up, with mid → feed. */
  async subscribe({ room, feeds }) {
    const h = await attach('janus.plugin.videoroom');
    const pc = (pcs.subscribe = new RTCPeerConnection({ iceServers: [] }));
    h.trickle(pc);
    const res = await h.message({ request: 'join', ptype: 'subscriber', room, streams: feeds.map((feed) => ({ feed })) });
    await pc.setRemoteDescription(res.jsep);
    await pc.setLocalDescription();
    await h.message({ request: 'start' }, { type: 'answer', sdp: pc.localDescription.sdp });
    await connected(pc, 'subscriber');
    return (res.plugindata.data.streams ?? []).map((s) => ({ mid: s.mid, feed: s.feed_id, type: s.type }));
  },

  /** Joins an AudioBridge room with the fake microphone; `bitrate`: the Opus rate of the mix this page hears. */
  async joinAudio({ room, display, bitrate, micMaxBitrate }) {
    const h = await attach('janus.plugin.audiobridge');
    await h.message({ request: 'join', room, display });
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const pc = (pcs.audio = new RTCPeerConnection({ iceServers: [] }));
    h.trickle(pc);
    const t = pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
    await pc.setLocalDescription();
    const res = await h.message({ request: 'configure', bitrate }, { type: 'offer', sdp: pc.localDescription.sdp });
    await pc.setRemoteDescription(res.jsep);
    await connected(pc, 'audio');
    if (micMaxBitrate) await setEncoding(t.sender, { maxBitrate: micMaxBitrate });
  },

  /** RTP counters of every link of this page (inbound and outbound), plus the chosen pair's outgoing estimate. */
  async stats() {
    const out = { at: performance.now(), events: { ...counters }, links: {} };
    for (const [link, pc] of Object.entries(pcs)) {
      if (!pc) continue;
      const inbound = [];
      const outbound = [];
      let availableOutgoingBitrate = null;
      let srtpCipher = null;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp')
          inbound.push({
            kind: s.kind,
            mid: s.mid,
            packets: s.packetsReceived ?? 0,
            packetsLost: s.packetsLost ?? 0,
            bytes: s.bytesReceived ?? 0,
            headerBytes: s.headerBytesReceived ?? 0,
            framesDecoded: s.framesDecoded ?? 0,
            frameWidth: s.frameWidth ?? null,
            frameHeight: s.frameHeight ?? null,
          });
        else if (s.type === 'outbound-rtp')
          outbound.push({
            kind: s.kind,
            mid: s.mid,
            packets: s.packetsSent ?? 0,
            bytes: s.bytesSent ?? 0,
            headerBytes: s.headerBytesSent ?? 0,
            framesEncoded: s.framesEncoded ?? 0,
            frameWidth: s.frameWidth ?? null,
            frameHeight: s.frameHeight ?? null,
            targetBitrate: s.targetBitrate ?? null,
            qualityLimitationReason: s.qualityLimitationReason ?? null,
          });
        else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded')
          availableOutgoingBitrate = s.availableOutgoingBitrate ?? null;
        else if (s.type === 'transport') srtpCipher = s.srtpCipher ?? null;
      });
      out.links[link] = { state: pc.connectionState, inbound, outbound, availableOutgoingBitrate, srtpCipher };
    }
    return out;
  },

  async close() {
    for (const pc of Object.values(pcs)) pc?.close();
    if (sessionId) await call({ janus: 'destroy', session_id: sessionId }).catch(() => undefined);
    ws.close();
  },
};
window.vxReady = true;
