import type { BlobInfo, UploadStatus } from '@vuonxa/core';
import { UPLOAD_CHUNK_BYTES } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

export interface UploadRow {
  id: string;
  user_id: string;
  facility_id: string;
  filename: string;
  size: string;
  sha256: string;
  received: string;
  state: 'open' | 'complete';
  blob_id: string | null;
  expires_at: Date;
}

export interface BlobRow {
  id: string;
  sha256: string;
  size: string;
  kind: BlobInfo['kind'];
  content_type: string;
  storage_key: string;
  thumbnail_key: string | null;
  meta: BlobInfo['meta'];
  owner_facility_id: string;
  created_by: string;
}

export function uploadView(r: UploadRow): UploadStatus {
  return {
    id: r.id,
    filename: r.filename,
    size: Number(r.size),
    received: Number(r.received),
    chunkSize: UPLOAD_CHUNK_BYTES,
    state: r.state,
    blobId: r.blob_id,
    expiresAt: r.expires_at.toISOString(),
  };
}

export function blobView(b: BlobRow): BlobInfo {
  return {
    id: b.id,
    kind: b.kind,
    contentType: b.content_type,
    size: Number(b.size),
    sha256: b.sha256,
    hasThumbnail: b.thumbnail_key !== null,
    meta: b.meta,
  };
}

export const uploadsRepo = {
  async insert(q: Queryable, u: { userId: string; facilityId: string; filename: string; size: number; sha256: string; expiresAt: Date }) {
    const { rows } = await q.query<UploadRow>(
      `INSERT INTO upload (user_id, facility_id, filename, size, sha256, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [u.userId, u.facilityId, u.filename, u.size, u.sha256, u.expiresAt],
    );
    return rows[0]!;
  },
  /** The caller's own upload, locked when `forUpdate` (one chunk at a time per upload). */
  async getOwn(q: Queryable, id: string, userId: string, forUpdate = false): Promise<UploadRow | null> {
    const { rows } = await q.query<UploadRow>(`SELECT * FROM upload WHERE id = $1 AND user_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
      id,
      userId,
    ]);
    return rows[0] ?? null;
  },
  async setReceived(q: Queryable, id: string, received: number) {
    await q.query('UPDATE upload SET received = $2 WHERE id = $1', [id, received]);
  },
  async complete(q: Queryable, id: string, blobId: string) {
    await q.query(`UPDATE upload SET state = 'complete', blob_id = $2 WHERE id = $1`, [id, blobId]);
  },
  async insertBlob(q: Queryable, b: Omit<BlobRow, 'id' | 'size'> & { size: number }): Promise<BlobRow> {
    const { rows } = await q.query<BlobRow>(
      `INSERT INTO blob (sha256, size, kind, content_type, storage_key, thumbnail_key, meta, owner_facility_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [b.sha256, b.size, b.kind, b.content_type, b.storage_key, b.thumbnail_key, JSON.stringify(b.meta), b.owner_facility_id, b.created_by],
    );
    return rows[0]!;
  },
  async getBlob(q: Queryable, id: string): Promise<BlobRow | null> {
    const { rows } = await q.query<BlobRow>('SELECT * FROM blob WHERE id = $1', [id]);
    return rows[0] ?? null;
  },
};
