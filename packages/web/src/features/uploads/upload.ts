import { UPLOAD_CHUNK_BYTES, UPLOAD_LIMITS, blobSchema, errorBodySchema, uploadStatusSchema } from '@vuonxa/core';
import type { BlobInfo, BlobKind, UploadStatus } from '@vuonxa/core';
import { ApiError, api } from '../../api/client';

/**
 * Resumable uploads for weak links (docs/consult-api.md, "Uploads"): the file is hashed, declared, sent in
 * chunks of the server's `chunkSize`, each retried with backoff, and completed. The upload id is remembered on
 * the device, so picking the same file again after a reload continues where it stopped.
 */

/** What the uploader is doing, for the progress line. */
export type UploadPhase = 'hashing' | 'uploading' | 'retrying' | 'completing';

export interface UploadOptions {
  /** Bytes acknowledged by the server (and, within a chunk, sent) out of the file size. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** The phase changed; `retrying` carries the wait before the next attempt. */
  onPhase?: (phase: UploadPhase, detail?: { retryInMs: number; attempt: number }) => void;
  /** Hashing progress (bytes read of the file). */
  onHashProgress?: (read: number, total: number) => void;
}

// ── pure parts (unit-tested) ─────────────────────────────────────────────────────────────────────────────

/** Bytes read at once while hashing: large enough to be fast, small enough for a tablet's memory. */
export const HASH_SLICE_BYTES = 4 * 1024 * 1024;
/** The longest wait between two attempts. */
export const BACKOFF_CAP_MS = 30_000;
const BACKOFF_BASE_MS = 1_000;
/** Consecutive failed attempts without any progress before the upload is given up (about 5 minutes). */
export const MAX_ATTEMPTS_WITHOUT_PROGRESS = 14;

/**
 * The next chunk to send from `received`, or null when everything is there.
 *
 * @example
 * nextChunk(0, 1000, 400); // { start: 0, end: 400 }
 * nextChunk(1000, 1000, 400); // null
 */
export function nextChunk(received: number, size: number, chunkSize: number): { start: number; end: number } | null {
  if (received >= size) return null;
  const start = Math.max(0, received);
  return { start, end: Math.min(size, start + Math.max(1, chunkSize)) };
}

/** Every chunk from `from` to the end (the plan; the loop follows the server's `received` instead). */
export function planChunks(size: number, chunkSize: number, from = 0): { start: number; end: number }[] {
  const plan: { start: number; end: number }[] = [];
  for (let c = nextChunk(from, size, chunkSize); c; c = nextChunk(c.end, size, chunkSize)) plan.push(c);
  return plan;
}

/**
 * The wait before attempt `attempt` (1 = the first retry): doubling from 1 s, capped at 30 s, with up to 20 %
 * less at random so that many tablets behind one satellite link do not retry in step.
 *
 * @example
 * backoffDelay(1, () => 1); // 1000
 * backoffDelay(10, () => 1); // 30000
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.2 * random()));
}

/** Whether a failed call is worth trying again: no network, a timeout, rate limiting or a server-side failure. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** What was remembered on the device about a file's upload. */
export interface StoredUpload {
  id: string;
  sha256: string;
  expiresAt: string;
}

export type ResumeDecision = { kind: 'restart' } | { kind: 'resume'; from: number } | { kind: 'complete' };

/**
 * After a reload or a drop: continue an upload the server still holds, complete one it has all of, or start again
 * when it is gone (`status` null: not found), has expired, or is about another file.
 *
 * @example
 * resumeDecision({ id: 'u', size: 10, received: 4, state: 'open', expiresAt: '2099-01-01T00:00:00Z', ... }, 10, now);
 * // { kind: 'resume', from: 4 }
 */
export function resumeDecision(
  status: Pick<UploadStatus, 'size' | 'received' | 'state' | 'expiresAt'> | null,
  fileSize: number,
  now: Date = new Date(),
): ResumeDecision {
  if (!status || status.size !== fileSize) return { kind: 'restart' };
  if (status.state === 'complete') return { kind: 'complete' };
  const expires = new Date(status.expiresAt).getTime();
  if (Number.isFinite(expires) && expires <= now.getTime()) return { kind: 'restart' };
  if (status.received >= fileSize) return { kind: 'complete' };
  return { kind: 'resume', from: Math.max(0, Math.min(status.received, fileSize)) };
}

/** The key a file's upload is remembered under: same name, size, date and facility = the same upload. */
export function uploadStorageKey(file: Pick<File, 'name' | 'size' | 'lastModified'>, facilityId: string): string {
  return `vuonxa.upload:${facilityId}:${file.size}:${file.lastModified}:${file.name}`;
}

const EXTENSION_KINDS: Record<string, BlobKind> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  pdf: 'pdf',
  dcm: 'dicom',
  dicom: 'dicom',
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
};

/**
 * The kind a file is probably of, from its type or name, to check its size before sending. The server decides the
 * real kind from the content; a file with no extension (DICOM from a modality) is taken as DICOM.
 */
export function guessKind(file: Pick<File, 'name' | 'type'>): BlobKind | null {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type === 'application/pdf') return 'pdf';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type === 'application/dicom') return 'dicom';
  const dot = file.name.lastIndexOf('.');
  if (dot <= 0) return 'dicom';
  return EXTENSION_KINDS[file.name.slice(dot + 1).toLowerCase()] ?? null;
}

/** The size limit that applies to a file, by its probable kind (the largest when unknown). */
export function sizeLimitFor(file: Pick<File, 'name' | 'type'>): number {
  const kind = guessKind(file);
  return kind ? UPLOAD_LIMITS[kind] : Math.max(...Object.values(UPLOAD_LIMITS));
}

// ── device storage ───────────────────────────────────────────────────────────────────────────────────────

function readStored(key: string): StoredUpload | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredUpload>;
    return typeof value.id === 'string' && typeof value.sha256 === 'string'
      ? { id: value.id, sha256: value.sha256, expiresAt: value.expiresAt ?? '' }
      : null;
  } catch {
    return null;
  }
}

function writeStored(key: string, value: StoredUpload | null): void {
  try {
    if (value) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  } catch {
    // Private mode or a full quota: the upload still works, only not across a reload.
  }
}

// ── the protocol ─────────────────────────────────────────────────────────────────────────────────────────

function abortError(): DOMException {
  return new DOMException('Upload aborted', 'AbortError');
}

/** Waits `ms`, or less when the device comes back online; rejects at once when aborted. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      reject(abortError());
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/** Hex SHA-256 of the whole file, read slice by slice (never the whole file in memory). */
export async function sha256OfFile(file: Blob, onProgress?: (read: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  const { createSHA256 } = await import('hash-wasm');
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += HASH_SLICE_BYTES) {
    if (signal?.aborted) throw abortError();
    const end = Math.min(file.size, offset + HASH_SLICE_BYTES);
    hasher.update(new Uint8Array(await file.slice(offset, end).arrayBuffer()));
    onProgress?.(end, file.size);
  }
  return hasher.digest('hex');
}

interface ChunkAnswer {
  status: number;
  body: unknown;
}

/** One chunk by XHR, which (unlike fetch) reports the bytes sent so far; never rejects on an HTTP status. */
function putChunk(url: string, chunk: Blob, signal: AbortSignal | undefined, onSent: (bytes: number) => void): Promise<ChunkAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const aborted = () => xhr.abort();
    xhr.open('PUT', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onSent(e.loaded);
    xhr.onload = () => {
      signal?.removeEventListener('abort', aborted);
      let body: unknown;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => {
      signal?.removeEventListener('abort', aborted);
      resolve({ status: 0, body: undefined });
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(abortError());
    signal?.addEventListener('abort', aborted, { once: true });
    xhr.send(chunk);
  });
}

function errorOf(answer: ChunkAnswer): ApiError {
  const parsed = errorBodySchema.safeParse(answer.body);
  if (parsed.success) return new ApiError(answer.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
  return new ApiError(answer.status, answer.status === 0 ? 'NETWORK' : 'INTERNAL', 'Upload failed');
}

const uploadPath = (id: string) => `/api/uploads/${encodeURIComponent(id)}`;

/**
 * Uploads `file` for `facilityId` and returns the stored blob, to attach to a request or a message.
 * Network failures and server errors are retried with backoff (abortable); a refusal (checksum, type, size,
 * rights) rejects with the `ApiError`.
 *
 * @example
 * const blob = await uploadFile(file, me.activeFacilityId, { onProgress: (sent, total) => setPercent((100 * sent) / total) });
 * await api.post(`/api/consults/${id}/attachments`, attachmentSchema, { blobId: blob.id, caption: null });
 */
export async function uploadFile(file: File, facilityId: string, opts: UploadOptions = {}): Promise<BlobInfo> {
  const { signal, onProgress, onPhase } = opts;
  const key = uploadStorageKey(file, facilityId);
  let attempt = 0;

  /** Runs `call`, retrying what is retryable; `attempt` counts failures since the last progress. */
  async function withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      if (signal?.aborted) throw abortError();
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ApiError) || !isRetryable(error.status)) throw error;
        attempt += 1;
        if (attempt > MAX_ATTEMPTS_WITHOUT_PROGRESS) throw error;
        const delay = backoffDelay(attempt);
        onPhase?.('retrying', { retryInMs: delay, attempt });
        await wait(delay, signal);
      }
    }
  }

  /** The server's view of a remembered upload, or null when it no longer has it. */
  async function statusOf(id: string): Promise<UploadStatus | null> {
    try {
      return await withRetry(() => api.get(uploadPath(id), uploadStatusSchema, { signal }));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 410)) return null;
      throw error;
    }
  }

  async function create(): Promise<{ id: string; received: number; chunkSize: number }> {
    onPhase?.('hashing');
    const sha256 = await sha256OfFile(file, opts.onHashProgress, signal);
    const status = await withRetry(() =>
      api.post('/api/uploads', uploadStatusSchema, { filename: file.name || 'file', size: file.size, sha256, facilityId }, { signal }),
    );
    writeStored(key, { id: status.id, sha256, expiresAt: status.expiresAt });
    return { id: status.id, received: status.received, chunkSize: status.chunkSize };
  }

  async function complete(id: string): Promise<BlobInfo> {
    onPhase?.('completing');
    onProgress?.(file.size, file.size);
    try {
      const blob = await withRetry(() => api.post(`${uploadPath(id)}/complete`, blobSchema, {}, { signal }));
      writeStored(key, null);
      return blob;
    } catch (error) {
      // The server refused the content (checksum, type, size): the next try must start afresh.
      if (error instanceof ApiError && !isRetryable(error.status) && error.status !== 409) writeStored(key, null);
      throw error;
    }
  }

  // Resume what the device remembers, if the server still has it.
  let upload: { id: string; received: number; chunkSize: number } | null = null;
  const stored = readStored(key);
  if (stored) {
    const status = await statusOf(stored.id);
    const decision = resumeDecision(status, file.size);
    if (status && decision.kind === 'complete') return complete(stored.id);
    if (status && decision.kind === 'resume') upload = { id: stored.id, received: decision.from, chunkSize: status.chunkSize };
    else writeStored(key, null);
  }
  upload ??= await create();

  let { id } = upload;
  let chunkSize = upload.chunkSize > 0 ? upload.chunkSize : UPLOAD_CHUNK_BYTES;
  let received = upload.received;
  let restarted = false;
  onPhase?.('uploading');
  onProgress?.(received, file.size);

  for (;;) {
    for (let chunk = nextChunk(received, file.size, chunkSize); chunk; chunk = nextChunk(received, file.size, chunkSize)) {
      if (signal?.aborted) throw abortError();
      const from = chunk.start;
      const answer = await putChunk(`${uploadPath(id)}/chunk?offset=${from}`, file.slice(chunk.start, chunk.end), signal, (bytes) =>
        onProgress?.(Math.min(file.size, from + bytes), file.size),
      );
      if (answer.status >= 200 && answer.status < 300) {
        const parsed = uploadStatusSchema.safeParse(answer.body);
        received = parsed.success ? parsed.data.received : chunk.end;
        if (attempt > 0) onPhase?.('uploading');
        attempt = 0;
        onProgress?.(received, file.size);
        continue;
      }
      const error = errorOf(answer);
      if (answer.status === 409) {
        // The server has a different count (a chunk landed but its answer was lost): continue from there.
        const at = error.detail('received');
        if (typeof at === 'number' && at !== from) {
          received = at;
          onProgress?.(received, file.size);
          continue;
        }
      }
      if (answer.status === 404 && !restarted) {
        // The upload expired on the server while the device was offline: declare it again, once.
        restarted = true;
        writeStored(key, null);
        const fresh = await create();
        ({ id, received } = fresh);
        chunkSize = fresh.chunkSize > 0 ? fresh.chunkSize : UPLOAD_CHUNK_BYTES;
        onPhase?.('uploading');
        onProgress?.(received, file.size);
        continue;
      }
      if (!isRetryable(answer.status)) throw error;
      attempt += 1;
      if (attempt > MAX_ATTEMPTS_WITHOUT_PROGRESS) throw error;
      const delay = backoffDelay(attempt);
      onPhase?.('retrying', { retryInMs: delay, attempt });
      await wait(delay, signal);
      // After a drop, ask the server what it has rather than guessing.
      const status = await statusOf(id);
      if (!status) throw error;
      received = status.received;
      onProgress?.(received, file.size);
    }
    try {
      return await complete(id);
    } catch (error) {
      // The server is missing bytes after all (a chunk it acknowledged was lost): send the rest.
      const at = error instanceof ApiError && error.status === 409 ? error.detail('received') : undefined;
      if (typeof at !== 'number' || at >= file.size || restarted) throw error;
      restarted = true;
      received = at;
      onPhase?.('uploading');
    }
  }
}
