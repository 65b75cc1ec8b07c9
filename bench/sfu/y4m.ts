// A synthetic "busy" camera for Chromium's `--use-file-for-fake-video-capture` (looped by Chromium): a detailed
// random texture panning a few pixels a frame, plus sensor-like noise on every pixel. Chromium's own fake camera
// is a flat pattern that a VP8 encoder squeezes far below the caps; this clip makes the encoder work for its bits.
import { open } from 'node:fs/promises';
import { createRng } from '../lib/prng.js';

export async function writeBusyClip(file: string, o: { width: number; height: number; fps: number; frames: number; seed?: number }) {
  const { width: w, height: h } = o;
  const rng = createRng(o.seed ?? 7, 'busy-clip');
  const rnd = () => rng.next();
  // Texture twice the frame, in 2×2 blocks of random luminance (fine detail, like foliage or a patterned shirt).
  const tw = w * 2;
  const th = h * 2;
  const tex = new Uint8Array(tw * th);
  for (let y = 0; y < th; y += 2)
    for (let x = 0; x < tw; x += 2) {
      const v = 40 + Math.floor(rnd() * 176);
      tex[y * tw + x] = tex[y * tw + x + 1] = tex[(y + 1) * tw + x] = tex[(y + 1) * tw + x + 1] = v;
    }
  const fh = await open(file, 'w');
  try {
    await fh.write(`YUV4MPEG2 W${w} H${h} F${o.fps}:1 Ip A1:1 C420jpeg\n`);
    const frame = new Uint8Array(w * h * 1.5);
    for (let f = 0; f < o.frames; f++) {
      const dx = (f * 3) % w;
      const dy = (f * 2) % h;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const v = tex[(y + dy) * tw + x + dx]! + Math.floor(rnd() * 9) - 4;
          frame[y * w + x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      // Chroma: a slow colour wash, so the picture is not grey.
      const cw = w / 2;
      const ch = h / 2;
      for (let y = 0; y < ch; y++)
        for (let x = 0; x < cw; x++) {
          frame[w * h + y * cw + x] = 128 + Math.round(30 * Math.sin((x + f) / 40));
          frame[w * h + cw * ch + y * cw + x] = 128 + Math.round(30 * Math.cos((y + f) / 30));
        }
      await fh.write(Buffer.from('FRAME\n'));
      await fh.write(frame);
    }
  } finally {
    await fh.close();
  }
}
