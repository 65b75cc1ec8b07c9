import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/db.js';
import type { BlobStore } from '../lib/blob-store.js';

interface Logger {
  warn: (obj: object, msg: string) => void;
}

/** The agenda cases of a session whose patient's consent to recording is not recorded (their refs). */
export async function casesWithoutRecordingConsent(db: Db, sessionId: string): Promise<string[]> {
  const { rows } = await db.query<{ ref: string }>(
    `SELECT c.ref FROM session_agenda a JOIN consult_request c ON c.id = a.consult_id
      WHERE a.session_id = $1
        AND NOT EXISTS (SELECT 1 FROM session_recording_consent r WHERE r.session_id = a.session_id AND r.consult_id = a.consult_id)
      ORDER BY a.ordinal`,
    [sessionId],
  );
  return rows.map((r) => r.ref);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `janus-pp-rec` (package janus-tools) turns Janus's raw .mjr captures into playable WebM; null when absent. */
function convert(mjr: string, out: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('janus-pp-rec', [mjr, out], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Files what Janus wrote for one recording into the blob store: the sound mix (WAV from the AudioBridge) and each
 * publisher's video (converted to WebM), labelled with the participant's name, then removes Janus's copies.
 */
export async function fileRecording(
  deps: { db: Db; store: BlobStore; log: Logger },
  recordingId: string,
  dir: string,
  audioFile: string,
  feedNames: Map<number, string>,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let filed = 0;
  let kept = false;
  const add = async (file: string, kind: 'audio' | 'video', label: string, contentType: string) => {
    const bytes = (await stat(file)).size;
    if (bytes === 0) return;
    const sha256 = await sha256Of(file);
    const key = `recordings/${recordingId}/${sha256}${kind === 'audio' ? '.wav' : '.webm'}`;
    await deps.store.putFile(key, file);
    await deps.db.query(
      `INSERT INTO session_recording_file (recording_id, kind, label, content_type, bytes, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [recordingId, kind, label, contentType, bytes, sha256, key],
    );
    filed += 1;
  };
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (name === path.basename(audioFile)) {
        await add(file, 'audio', 'mix', 'audio/wav');
      } else if (name.endsWith('-video-0.mjr') || /-video\.mjr$/.test(name)) {
        // videoroom-<room>-user-<feed>-<time>-video-0.mjr
        const feed = Number(/-user-(\d+)-/.exec(name)?.[1]);
        const webm = file.replace(/\.mjr$/, '.webm');
        if (await convert(file, webm)) await add(webm, 'video', feedNames.get(feed) ?? 'video', 'video/webm');
        else {
          kept = true;
          deps.log.warn({ file: name }, 'recording: janus-pp-rec missing or failed, video kept as captured');
        }
      } else continue;
    } catch (err) {
      kept = true;
      deps.log.warn({ err: (err as Error).message }, 'recording: a file could not be filed');
    }
  }
  // Janus's copies go once filed; anything not filed stays for an operator (and the log says so).
  if (!kept) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  return filed;
}
