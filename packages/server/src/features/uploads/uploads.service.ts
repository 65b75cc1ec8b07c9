import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError, UPLOAD_CHUNK_BYTES, can, type BlobInfo, type UploadCreate, type UploadStatus } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { BlobStore } from '../../lib/blob-store.js';
import type { MalwareScanner } from '../../lib/malware-scanner.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { inspectFile } from './inspect.js';
import { blobView, uploadView, uploadsRepo } from './uploads.repo.js';

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Resumable uploads for weak links: the sender creates an upload with the file's size and SHA-256, sends chunks at
 * explicit offsets (a retried chunk is harmless), asks how much arrived after a drop, and completes. Completing
 * checks the checksum, the type from the bytes and the size limit, scans it for malware when a scanner is configured
 * (`CLAMD_ADDRESS`), then stores the file once by its hash.
 */
export function createUploadsService(deps: {
  db: Db;
  store: BlobStore;
  audit: AuditService;
  clock: Clock;
  expiryHours: number;
  scanner?: MalwareScanner | null;
  log?: { warn: (obj: object, msg: string) => void };
}) {
  const { db, store, audit, clock } = deps;
  const scanner = deps.scanner ?? null;
  const log = deps.log ?? { warn: () => undefined };

  /**
   * The scanner's verdict on a finished upload. Infected: the bytes are dropped, the refusal audited, and the sender
   * told which signature matched. No verdict (scanner down): nothing is kept yet and the upload stays complete on
   * our side, so "complete" can be asked again without sending the file again over a weak link.
   */
  async function scan(u: { id: string; facility_id: string }, part: string, m: RequestMeta): Promise<void> {
    if (!scanner) return;
    let verdict;
    try {
      verdict = await scanner.scan(part);
    } catch (err) {
      log.warn({ err: (err as Error).message, scanner: scanner.name }, 'malware scan failed');
      throw new AppError('SERVICE_UNAVAILABLE', {
        message: 'The malware scanner did not answer; complete the upload again in a moment',
        details: { field: 'file', reason: 'scanner_unavailable' },
      });
    }
    if (verdict.clean) return;
    await store.discardPart(u.id);
    await uploadsRepo.setReceived(db, u.id, 0);
    await audit.record(m, {
      action: 'upload.refused',
      outcome: 'denied',
      entityType: 'upload',
      entityId: u.id,
      subjectFacilityId: u.facility_id,
      details: { reason: 'malware', signature: verdict.signature },
    });
    throw new AppError('FILE_MALWARE', { details: { field: 'file', signature: verdict.signature } });
  }

  async function own(auth: AuthContext, id: string) {
    const u = await uploadsRepo.getOwn(db, id, auth.user.id);
    if (!u) throw new AppError('NOT_FOUND', { details: { entity: 'upload' } });
    return u;
  }

  return {
    async create(auth: AuthContext, input: UploadCreate): Promise<UploadStatus> {
      // Whoever may add clinical files for a facility: its clinicians, the hub's coordinators and specialists.
      const p = auth.principal;
      if (!(['consult.create', 'consult.triage', 'consult.answer'] as const).some((perm) => can(p, perm, input.facilityId))) {
        throw new AppError('FORBIDDEN', { details: { facilityId: input.facilityId } });
      }
      const row = await uploadsRepo.insert(db, {
        userId: auth.user.id,
        facilityId: input.facilityId,
        filename: input.filename,
        size: input.size,
        sha256: input.sha256,
        expiresAt: new Date(clock.now() + deps.expiryHours * 3_600_000),
      });
      return uploadView(row);
    },

    status: async (auth: AuthContext, id: string) => uploadView(await own(auth, id)),

    async writeChunk(auth: AuthContext, id: string, offset: number, bytes: Buffer): Promise<UploadStatus> {
      if (bytes.length === 0)
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ field: 'body', message: 'empty chunk', code: 'too_small' }] } });
      if (bytes.length > UPLOAD_CHUNK_BYTES)
        throw new AppError('PAYLOAD_TOO_LARGE', { details: { field: 'body', limit: UPLOAD_CHUNK_BYTES } });
      return db.tx(async (q) => {
        const u = await uploadsRepo.getOwn(q, id, auth.user.id, true);
        if (!u) throw new AppError('NOT_FOUND', { details: { entity: 'upload' } });
        if (u.state !== 'open')
          throw new AppError('CONFLICT', { message: 'The upload is already complete', details: { received: Number(u.received) } });
        if (u.expires_at.getTime() < clock.now()) throw new AppError('NOT_FOUND', { details: { entity: 'upload', expired: true } });
        const received = Number(u.received);
        // A chunk that was stored but whose answer was lost is sent again at an older offset: accept it as a no-op
        // only when it ends at or before what we have; otherwise the sender must continue from `received`.
        if (offset !== received) {
          if (offset < received && offset + bytes.length <= received) return uploadView(u);
          throw new AppError('CONFLICT', { message: 'Continue from the received offset', details: { field: 'offset', received } });
        }
        if (offset + bytes.length > Number(u.size)) {
          throw new AppError('VALIDATION_FAILED', {
            details: { issues: [{ field: 'body', message: 'beyond the declared size', code: 'too_big' }] },
          });
        }
        await store.writePart(id, offset, bytes);
        await uploadsRepo.setReceived(q, id, offset + bytes.length);
        return uploadView({ ...u, received: String(offset + bytes.length) });
      });
    },

    async complete(auth: AuthContext, id: string, m: RequestMeta): Promise<BlobInfo> {
      const u = await own(auth, id);
      if (u.state === 'complete' && u.blob_id) {
        const b = await uploadsRepo.getBlob(db, u.blob_id);
        if (b) return blobView(b);
      }
      if (Number(u.received) !== Number(u.size)) {
        throw new AppError('CONFLICT', {
          message: 'The upload is not finished',
          details: { received: Number(u.received), size: Number(u.size) },
        });
      }
      const part = store.partPath(id);
      const actual = await sha256File(part);
      if (actual !== u.sha256) {
        // The bytes are unusable: start again rather than keep a corrupt file.
        await store.discardPart(id);
        await uploadsRepo.setReceived(db, id, 0);
        throw new AppError('VALIDATION_FAILED', {
          message: 'The file arrived damaged (checksum differs); send it again',
          details: { issues: [{ field: 'sha256', message: 'checksum mismatch', code: 'checksum' }] },
        });
      }
      let inspection;
      try {
        inspection = await inspectFile(part, Number(u.size));
      } catch (err) {
        await store.discardPart(id);
        throw err;
      }
      await scan(u, part, m);
      const key = await store.commitPart(id, u.sha256);
      let thumbKey: string | null = null;
      if (inspection.thumbnail) {
        thumbKey = `thumbs/${u.sha256}.jpg`;
        await store.put(thumbKey, inspection.thumbnail);
      }
      const blob = await db.tx(async (q) => {
        const b = await uploadsRepo.insertBlob(q, {
          sha256: u.sha256,
          size: Number(u.size),
          kind: inspection.kind,
          content_type: inspection.contentType,
          storage_key: key,
          thumbnail_key: thumbKey,
          meta: inspection.meta,
          owner_facility_id: u.facility_id,
          created_by: auth.user.id,
        });
        await uploadsRepo.complete(q, id, b.id);
        await audit.record(
          m,
          {
            action: 'upload.complete',
            outcome: 'success',
            entityType: 'blob',
            entityId: b.id,
            subjectFacilityId: u.facility_id,
            details: { kind: b.kind, size: Number(u.size) },
          },
          q,
        );
        return b;
      });
      return blobView(blob);
    },
  };
}
export type UploadsService = ReturnType<typeof createUploadsService>;
