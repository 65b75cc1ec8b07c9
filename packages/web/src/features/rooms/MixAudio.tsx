import { useEffect, useRef } from 'react';

/**
 * The media server's mix of everyone else's sound (SFU path): one hidden `<audio>` for the whole room, the only
 * sound of the call (the tiles' videos carry none). `sinkId`: the audio output chosen before joining.
 */
export function MixAudio({ stream, sinkId }: { stream: MediaStream; sinkId: string | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    if (audio.srcObject !== stream) audio.srcObject = stream;
    // Autoplay can be refused before any click on the page: the next click or key starts the sound.
    const resume = () => void audio.play().catch(() => undefined);
    const events = ['pointerdown', 'keydown'] as const;
    audio.play().catch(() => {
      for (const e of events) document.addEventListener(e, resume, { once: true });
    });
    return () => {
      for (const e of events) document.removeEventListener(e, resume);
    };
  }, [stream]);
  useEffect(() => {
    const audio = ref.current;
    if (!audio || !sinkId || typeof audio.setSinkId !== 'function') return;
    audio.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);
  return <audio ref={ref} autoPlay hidden data-testid="room-mix-audio" />;
}
