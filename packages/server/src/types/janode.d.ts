// The part of janode (plain JavaScript, no types shipped) that the media plane uses.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }
  export interface Candidate {
    candidate: string;
    sdpMid?: string | null;
    sdpMLineIndex?: number | null;
  }
  export interface Handle extends EventEmitter {
    id: number;
    trickle(candidate: Candidate | null): Promise<void>;
    detach(): Promise<void>;
    hangup(): Promise<void>;
  }
  export interface Session extends EventEmitter {
    id: number;
    attach<H extends Handle>(plugin: PluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
  }
  export interface Connection extends EventEmitter {
    create(ka_interval?: number): Promise<Session>;
    close(): Promise<void>;
  }
  export interface PluginDescriptor<H> {
    id: string;
    Handle: new (...args: never[]) => H;
    EVENT: Record<string, string>;
  }
  interface Janode {
    connect(config: {
      is_admin?: boolean;
      address: { url: string; apisecret?: string } | { url: string; apisecret?: string }[];
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<Connection>;
    EVENT: Record<string, string>;
    Logger: { setLevel(level: 'debug' | 'verb' | 'info' | 'warn' | 'error' | 'none'): string };
  }
  const janode: Janode;
  export default janode;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep, PluginDescriptor } from 'janode';
  export interface StreamInfo {
    mid: string;
    type: 'audio' | 'video' | 'data';
    feed_id?: number;
    active?: boolean;
  }
  export interface VideoRoomHandle extends Handle {
    create(p: {
      room: number;
      description?: string;
      max_publishers?: number;
      secret?: string;
      is_private?: boolean;
      bitrate?: number;
      bitrate_cap?: boolean;
      fir_freq?: number;
      videocodec?: string;
      audiocodec?: string;
      record?: boolean;
      rec_dir?: string;
      notify_joining?: boolean;
    }): Promise<{ room: number }>;
    destroy(p: { room: number; secret?: string }): Promise<unknown>;
    exists(p: { room: number }): Promise<{ exists: boolean }>;
    joinConfigurePublisher(p: {
      room: number;
      feed: number;
      display?: string;
      jsep: Jsep;
      bitrate?: number;
    }): Promise<{ feed: number; jsep?: Jsep }>;
    joinSubscriber(p: {
      room: number;
      streams: { feed: number; mid?: string }[];
      autoupdate?: boolean;
      use_msid?: boolean;
    }): Promise<{ jsep?: Jsep; streams?: StreamInfo[] }>;
    update(p: {
      subscribe?: { feed: number; mid?: string }[];
      unsubscribe?: { feed: number; mid?: string }[];
    }): Promise<{ jsep?: Jsep; streams?: StreamInfo[] }>;
    start(p: { jsep: Jsep }): Promise<unknown>;
    configure(p: {
      bitrate?: number;
      keyframe?: boolean;
      streams?: { mid: string; substream?: number; temporal?: number }[];
    }): Promise<unknown>;
    kick(p: { room: number; feed: number; secret?: string }): Promise<unknown>;
    enable_recording(p: { room: number; secret?: string; record: boolean }): Promise<unknown>;
    listParticipants(p: {
      room: number;
      secret?: string;
    }): Promise<{ participants: { feed: number; display?: string; publisher?: boolean }[] }>;
  }
  const plugin: PluginDescriptor<VideoRoomHandle>;
  export default plugin;
}

declare module 'janode/plugins/audiobridge' {
  import type { Handle, Jsep, PluginDescriptor } from 'janode';
  export interface AudioBridgeHandle extends Handle {
    create(p: {
      room: number;
      description?: string;
      secret?: string;
      is_private?: boolean;
      sampling_rate?: number;
      bitrate?: number;
      rec_dir?: string;
      record?: boolean;
      filename?: string;
      talking_events?: boolean;
      talking_level_threshold?: number;
      talking_packets_threshold?: number;
    }): Promise<{ room: number }>;
    destroy(p: { room: number; secret?: string }): Promise<unknown>;
    join(p: { room: number; feed: number; display?: string; muted?: boolean }): Promise<{ feed: number }>;
    configure(p: { muted?: boolean; bitrate?: number; jsep?: Jsep | null }): Promise<{ jsep?: Jsep }>;
    mute(p: { room: number; feed: number; secret?: string }): Promise<unknown>;
    unmute(p: { room: number; feed: number; secret?: string }): Promise<unknown>;
    kick(p: { room: number; feed: number; secret?: string }): Promise<unknown>;
    enableRecording(p: { room: number; record: boolean; filename?: string; rec_dir?: string; secret?: string }): Promise<unknown>;
    listParticipants(p: {
      room: number;
      secret?: string;
    }): Promise<{ participants: { feed: number; display?: string; muted?: boolean }[] }>;
  }
  const plugin: PluginDescriptor<AudioBridgeHandle>;
  export default plugin;
}
