import type { Attachment, ConsultMessage } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

export interface AttachmentRow {
  id: string;
  consult_id: string;
  message_id: string | null;
  filename: string;
  caption: string | null;
  added_at: Date;
  added_by: string;
  added_by_name: string;
  kind: Attachment['kind'];
  content_type: string;
  size: string;
  sha256: string;
  thumbnail_key: string | null;
  storage_key: string;
  meta: Attachment['meta'];
}

const ATTACHMENT_SELECT = `SELECT a.id, a.consult_id, a.message_id, a.filename, a.caption, a.added_at, a.added_by, u.display_name AS added_by_name,
    b.kind, b.content_type, b.size, b.sha256, b.thumbnail_key, b.storage_key, b.meta
  FROM consult_attachment a JOIN blob b ON b.id = a.blob_id JOIN app_user u ON u.id = a.added_by`;

/** The attachments of the request `consult` (an SQL expression), in the order they were added. */
export const ATTACHMENTS_OF = (consult: string) =>
  `${ATTACHMENT_SELECT} WHERE a.consult_id = ${consult} AND a.removed_at IS NULL ORDER BY a.added_at, a.id`;

export function attachmentView(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    kind: r.kind,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    caption: r.caption,
    hasThumbnail: r.thumbnail_key !== null,
    meta: r.meta,
    messageId: r.message_id,
    addedBy: { id: r.added_by, name: r.added_by_name },
    addedAt: r.added_at.toISOString(),
  };
}

export const threadRepo = {
  async addAttachment(
    q: Queryable,
    a: { consultId: string; blobId: string; filename: string; caption: string | null; messageId: string | null; by: string },
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consult_attachment (consult_id, blob_id, filename, caption, message_id, added_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [a.consultId, a.blobId, a.filename, a.caption, a.messageId, a.by],
    );
    return rows[0]!.id;
  },
  async attachments(q: Queryable, consultId: string): Promise<Attachment[]> {
    const { rows } = await q.query<AttachmentRow>(ATTACHMENTS_OF('$1'), [consultId]);
    return rows.map(attachmentView);
  },
  async attachment(q: Queryable, id: string) {
    const { rows } = await q.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.id = $1 AND a.removed_at IS NULL`, [id]);
    const r = rows[0];
    return r ? { view: attachmentView(r), consultId: r.consult_id, storageKey: r.storage_key, thumbnailKey: r.thumbnail_key } : null;
  },
  async removeAttachment(q: Queryable, id: string, by: string) {
    await q.query('UPDATE consult_attachment SET removed_at = now(), removed_by = $2 WHERE id = $1', [id, by]);
  },
  /** The upload's original file name, for blobs the caller completed. */
  async uploadedBlob(q: Queryable, blobId: string, userId: string) {
    const { rows } = await q.query<{ filename: string; owner_facility_id: string }>(
      `SELECT u.filename, b.owner_facility_id FROM upload u JOIN blob b ON b.id = u.blob_id WHERE u.blob_id = $1 AND u.user_id = $2 LIMIT 1`,
      [blobId, userId],
    );
    return rows[0] ?? null;
  },
  async insertMessage(
    q: Queryable,
    m: { consultId: string; kind: ConsultMessage['kind']; authorId: string; facilityId: string | null; body: string },
  ) {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consult_message (consult_id, kind, author_user_id, author_facility_id, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [m.consultId, m.kind, m.authorId, m.facilityId, m.body],
    );
    return rows[0]!.id;
  },
  async messages(q: Queryable, consultId: string): Promise<ConsultMessage[]> {
    const { rows } = await q.query<{
      id: string;
      kind: ConsultMessage['kind'];
      author_id: string;
      author_name: string;
      facility_name: string | null;
      body: string;
      created_at: Date;
    }>(
      `SELECT m.id, m.kind, m.author_user_id AS author_id, u.display_name AS author_name, f.name AS facility_name, m.body, m.created_at
         FROM consult_message m JOIN app_user u ON u.id = m.author_user_id LEFT JOIN facility f ON f.id = m.author_facility_id
        WHERE m.consult_id = $1 ORDER BY m.created_at, m.id`,
      [consultId],
    );
    const reads = await q.query<{ user_id: string; name: string; read_at: Date }>(
      `SELECT r.user_id, u.display_name AS name, r.read_at FROM consult_read r JOIN app_user u ON u.id = r.user_id WHERE r.consult_id = $1`,
      [consultId],
    );
    const files = await threadRepo.attachments(q, consultId);
    return rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      author: { id: m.author_id, name: m.author_name, facilityName: m.facility_name },
      body: m.body,
      createdAt: m.created_at.toISOString(),
      attachments: files.filter((a) => a.messageId === m.id),
      readBy: reads.rows
        .filter((r) => r.user_id !== m.author_id && r.read_at >= m.created_at)
        .map((r) => ({ id: r.user_id, name: r.name, at: r.read_at.toISOString() })),
    }));
  },
  async markRead(q: Queryable, consultId: string, userId: string) {
    await q.query(
      `INSERT INTO consult_read (consult_id, user_id, read_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (consult_id, user_id) DO UPDATE SET read_at = EXCLUDED.read_at`,
      [consultId, userId],
    );
  },
};
