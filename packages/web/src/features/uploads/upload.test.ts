import { UPLOAD_LIMITS } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  guessKind,
  isRetryable,
  nextChunk,
  planChunks,
  resumeDecision,
  sha256OfFile,
  sizeLimitFor,
  uploadStorageKey,
} from './upload';

const status = (over: Partial<{ size: number; received: number; state: 'open' | 'complete'; expiresAt: string }> = {}) => ({
  size: 1000,
  received: 400,
  state: 'open' as const,
  expiresAt: '2099-01-01T00:00:00Z',
  ...over,
});

describe('chunk planning', () => {
  it('cuts a file into chunks of the server’s size, the last one shorter', () => {
    expect(planChunks(1000, 400)).toEqual([
      { start: 0, end: 400 },
      { start: 400, end: 800 },
      { start: 800, end: 1000 },
    ]);
  });

  it('continues from what the server already has', () => {
    expect(planChunks(1000, 400, 700)).toEqual([{ start: 700, end: 1000 }]);
    expect(nextChunk(1000, 1000, 400)).toBeNull();
    expect(nextChunk(1200, 1000, 400)).toBeNull();
  });

  it('sends a file of exactly one chunk in one piece', () => {
    expect(planChunks(512, 512)).toEqual([{ start: 0, end: 512 }]);
  });

  it('never loops on a zero chunk size', () => {
    expect(nextChunk(0, 3, 0)).toEqual({ start: 0, end: 1 });
  });
});

describe('backoff', () => {
  it('doubles from one second and stops at the cap', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffDelay(a, top))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('waits up to a fifth less at random, never more than the cap', () => {
    expect(backoffDelay(1, () => 0)).toBe(800);
    for (let a = 1; a < 40; a++) expect(backoffDelay(a)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('retries network failures and server errors, not refusals', () => {
    expect([0, 408, 429, 500, 502, 503, 504].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 415].some(isRetryable)).toBe(false);
  });
});

describe('resume decision', () => {
  const now = new Date('2026-01-05T00:00:00Z');

  it('continues an open upload from what the server received', () => {
    expect(resumeDecision(status(), 1000, now)).toEqual({ kind: 'resume', from: 400 });
  });

  it('completes when everything is already there', () => {
    expect(resumeDecision(status({ received: 1000 }), 1000, now)).toEqual({ kind: 'complete' });
    expect(resumeDecision(status({ state: 'complete', received: 1000 }), 1000, now)).toEqual({ kind: 'complete' });
  });

  it('starts again when the upload is gone, expired or about another file', () => {
    expect(resumeDecision(null, 1000, now)).toEqual({ kind: 'restart' });
    expect(resumeDecision(status({ expiresAt: '2026-01-04T00:00:00Z' }), 1000, now)).toEqual({ kind: 'restart' });
    expect(resumeDecision(status({ size: 999 }), 1000, now)).toEqual({ kind: 'restart' });
  });
});

describe('files', () => {
  it('remembers an upload by name, size, date and facility', () => {
    const file = { name: 'xq-phoi.jpg', size: 2048, lastModified: 1700000000000 };
    expect(uploadStorageKey(file, 'f1')).toBe(uploadStorageKey({ ...file }, 'f1'));
    expect(uploadStorageKey(file, 'f1')).not.toBe(uploadStorageKey(file, 'f2'));
    expect(uploadStorageKey(file, 'f1')).not.toBe(uploadStorageKey({ ...file, lastModified: 1 }, 'f1'));
  });

  it('guesses the kind from the type, then the extension; no extension is DICOM', () => {
    expect(guessKind({ name: 'a.bin', type: 'image/jpeg' })).toBe('image');
    expect(guessKind({ name: 'ket-qua.PDF', type: '' })).toBe('pdf');
    expect(guessKind({ name: 'IM000123', type: '' })).toBe('dicom');
    expect(guessKind({ name: 'ct.dcm', type: '' })).toBe('dicom');
    expect(guessKind({ name: 'sieu-am.webm', type: '' })).toBe('video');
    expect(guessKind({ name: 'notes.docx', type: '' })).toBeNull();
  });

  it('checks a photo against the image limit and an unknown file against the largest', () => {
    expect(sizeLimitFor({ name: 'a.jpg', type: 'image/jpeg' })).toBe(UPLOAD_LIMITS.image);
    expect(sizeLimitFor({ name: 'a.docx', type: '' })).toBe(Math.max(...Object.values(UPLOAD_LIMITS)));
  });

  it('hashes a file slice by slice to the SHA-256 of the whole', async () => {
    const blob = new Blob(['abc']);
    expect(await sha256OfFile(blob)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
