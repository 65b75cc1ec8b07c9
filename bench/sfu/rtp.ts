// What `window.vx.stats()` (bench/sfu/page.mjs) returns, and rates between two readings of it.

export interface RtpIn {
  kind: 'audio' | 'video';
  mid: string;
  packets: number;
  packetsLost: number;
  bytes: number;
  headerBytes: number;
  framesDecoded: number;
  frameWidth: number | null;
  frameHeight: number | null;
}

export interface RtpOut {
  kind: 'audio' | 'video';
  mid: string;
  packets: number;
  bytes: number;
  headerBytes: number;
  framesEncoded: number;
  frameWidth: number | null;
  frameHeight: number | null;
  targetBitrate: number | null;
  qualityLimitationReason: string | null;
}

export type LinkName = 'publish' | 'subscribe' | 'audio';

export interface LinkStats {
  state: string;
  inbound: RtpIn[];
  outbound: RtpOut[];
  availableOutgoingBitrate: number | null;
  srtpCipher: string | null;
}

export interface PageStats {
  /** The page's performance.now() when read (ms). */
  at: number;
  /** Unsolicited Janus messages seen by the page, per kind (webrtcup, media, slowlink, hangup…). */
  events: Record<string, number>;
  links: Partial<Record<LinkName, LinkStats>>;
}

/** Rates of one RTP stream between two readings. */
export interface StreamRate {
  mid: string;
  kind: 'audio' | 'video';
  seconds: number;
  /** RTP payload + RTP headers (what `bytesReceived + headerBytesReceived` count), kbit/s. */
  kbps: number;
  /** The same plus IPv4 (20 B), UDP (8 B) and the SRTP authentication tag of each packet: what the link carries. */
  wireKbps: number;
  packetsPerSecond: number;
  /** Frames decoded (inbound) or encoded (outbound) per second; 0 for audio. */
  fps: number;
  packetsLost: number;
  /** Frames decoded (or encoded) in all, at the end of the window. */
  frames: number;
  frameWidth: number | null;
  frameHeight: number | null;
}

/** Bytes an SRTP packet carries after the RTP packet, from the cipher suite the transport reports. */
export function srtpTagBytes(cipher: string | null): number {
  if (!cipher) return 10;
  if (/GCM/i.test(cipher)) return 16;
  if (/_32$/.test(cipher)) return 4;
  return 10; // AES_CM_128_HMAC_SHA1_80
}

const IP_UDP_BYTES = 28;

function rate(
  a: RtpIn | RtpOut | undefined,
  b: RtpIn | RtpOut,
  seconds: number,
  tag: number,
): Omit<StreamRate, 'mid' | 'kind' | 'frameWidth' | 'frameHeight' | 'packetsLost' | 'frames'> {
  const bytes = b.bytes + b.headerBytes - (a ? a.bytes + a.headerBytes : 0);
  const packets = b.packets - (a?.packets ?? 0);
  const framesOf = (x: RtpIn | RtpOut | undefined) => (x ? ('framesDecoded' in x ? x.framesDecoded : x.framesEncoded) : 0);
  return {
    seconds,
    kbps: (bytes * 8) / seconds / 1000,
    wireKbps: ((bytes + packets * (IP_UDP_BYTES + tag)) * 8) / seconds / 1000,
    packetsPerSecond: packets / seconds,
    fps: (framesOf(b) - framesOf(a)) / seconds,
  };
}

/** Inbound rates of one link of a page between two readings (streams matched by mid). */
export function inboundRates(s0: PageStats, s1: PageStats, link: LinkName, kind?: 'audio' | 'video'): StreamRate[] {
  const l0 = s0.links[link];
  const l1 = s1.links[link];
  if (!l1) return [];
  const seconds = (s1.at - s0.at) / 1000;
  const tag = srtpTagBytes(l1.srtpCipher);
  return l1.inbound
    .filter((x) => !kind || x.kind === kind)
    .map((b) => {
      const a = l0?.inbound.find((x) => x.mid === b.mid && x.kind === b.kind);
      return {
        mid: b.mid,
        kind: b.kind,
        ...rate(a, b, seconds, tag),
        packetsLost: b.packetsLost - (a?.packetsLost ?? 0),
        frames: b.framesDecoded,
        frameWidth: b.frameWidth,
        frameHeight: b.frameHeight,
      };
    });
}

/** Outbound rates of one link of a page between two readings. */
export function outboundRates(s0: PageStats, s1: PageStats, link: LinkName, kind?: 'audio' | 'video'): StreamRate[] {
  const l0 = s0.links[link];
  const l1 = s1.links[link];
  if (!l1) return [];
  const seconds = (s1.at - s0.at) / 1000;
  const tag = srtpTagBytes(l1.srtpCipher);
  return l1.outbound
    .filter((x) => !kind || x.kind === kind)
    .map((b) => {
      const a = l0?.outbound.find((x) => x.mid === b.mid && x.kind === b.kind);
      return {
        mid: b.mid,
        kind: b.kind,
        ...rate(a, b, seconds, tag),
        packetsLost: 0,
        frames: b.framesEncoded,
        frameWidth: b.frameWidth,
        frameHeight: b.frameHeight,
      };
    });
}

export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
