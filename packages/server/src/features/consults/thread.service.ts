import type { Readable } from 'node:stream';
import { AppError, EDITABLE_STATES, TERMINAL_STATES, fieldError, type Attachment, type ConsultMessage } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { BlobStore } from '../../lib/blob-store.js';
import type { AuditService } from '../audit/audit.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { ConsultsService } from './consults.service.js';
import { threadRepo } from './thread.repo.js';

/**
 * The store-and-forward part of a request: the discussion thread between the site and the specialists, files,
 * read receipts. Works entirely without video.
 */
export function createThreadService(deps: {
  db: Db;
  audit: AuditService;
  store: BlobStore;
  consults: ConsultsService;
  notifications: NotificationsService;
}) {
  const { db, audit, store, consults, notifications } = deps;

  async function attachBlob(
    q: Queryable,
    auth: AuthContext,
    consultId: string,
    blobId: string,
    caption: string | null,
    messageId: string | null,
    field: string,
  ) {
    // Only files the caller uploaded can be attached: nobody can pull another facility's file into a request by id.
    const up = await threadRepo.uploadedBlob(q, blobId, auth.user.id);
    if (!up) throw fieldError(field, 'not a file you uploaded', 'not_found');
    return threadRepo.addAttachment(q, { consultId, blobId, filename: up.filename, caption, messageId, by: auth.user.id });
  }

  return {
    async messages(auth: AuthContext, id: string, m: RequestMeta): Promise<ConsultMessage[]> {
      const { c } = await consults.access(auth, id, m);
      await audit.record(m, {
        action: 'consult.messages_read',
        outcome: 'success',
        entityType: 'consult',
        entityId: id,
        subjectFacilityId: c.requesting_facility_id,
      });
      return threadRepo.messages(db, id);
    },

    async post(auth: AuthContext, id: string, body: string, blobIds: string[], m: RequestMeta): Promise<ConsultMessage> {
      const out = await db.tx(async (q) => {
        const { c, roles } = await consults.access(auth, id, m, q);
        if (!roles.some((r) => r !== 'participant')) throw new AppError('FORBIDDEN', { details: { permission: 'consult.answer' } });
        if (c.state === 'draft' || TERMINAL_STATES.includes(c.state))
          throw new AppError('INVALID_STATE', { message: `No discussion in state ${c.state}`, details: { state: c.state } });
        const messageId = await threadRepo.insertMessage(q, {
          consultId: id,
          kind: 'message',
          authorId: auth.user.id,
          facilityId: auth.activeFacilityId,
          body,
        });
        for (const [i, blobId] of blobIds.entries()) await attachBlob(q, auth, id, blobId, null, messageId, `blobIds.${i}`);
        await threadRepo.markRead(q, id, auth.user.id);
        await audit.record(
          m,
          {
            action: 'consult.message',
            outcome: 'success',
            entityType: 'consult',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
            details: { files: blobIds.length },
          },
          q,
        );
        return { messageId, c, watchers: await consults.everyoneOn(q, c) };
      });
      await notifications.notify([{ userIds: out.watchers, kind: 'consult.message', consultId: id, ref: out.c.ref }], auth.user.id);
      notifications.changed(out.watchers, id, auth.user.id);
      return (await threadRepo.messages(db, id)).find((x) => x.id === out.messageId)!;
    },

    async markRead(auth: AuthContext, id: string, m: RequestMeta): Promise<void> {
      const { c } = await consults.access(auth, id, m);
      await threadRepo.markRead(db, id, auth.user.id);
      notifications.changed(await consults.everyoneOn(db, c), id, auth.user.id);
    },

    async addAttachment(auth: AuthContext, id: string, blobId: string, caption: string | null, m: RequestMeta): Promise<Attachment> {
      const attachmentId = await db.tx(async (q) => {
        const { c, roles } = await consults.access(auth, id, m, q, true);
        const requesterEditing = roles.includes('requester') && EDITABLE_STATES.includes(c.state);
        const specialistAdding =
          roles.some((r) => r === 'hub' || r === 'specialist') && !TERMINAL_STATES.includes(c.state) && c.state !== 'draft';
        if (!requesterEditing && !specialistAdding) {
          throw new AppError(roles.includes('requester') ? 'INVALID_STATE' : 'FORBIDDEN', {
            message: 'Files can be added to a draft, or sent in the discussion',
            details: { state: c.state },
          });
        }
        const aid = await attachBlob(q, auth, id, blobId, caption, null, 'blobId');
        await audit.record(
          m,
          {
            action: 'consult.attachment_add',
            outcome: 'success',
            entityType: 'consult_attachment',
            entityId: aid,
            subjectFacilityId: c.requesting_facility_id,
            details: { consultId: id },
          },
          q,
        );
        return aid;
      });
      return (await threadRepo.attachment(db, attachmentId))!.view;
    },

    async removeAttachment(auth: AuthContext, id: string, attachmentId: string, m: RequestMeta): Promise<void> {
      await db.tx(async (q) => {
        const { c, roles } = await consults.access(auth, id, m, q, true);
        const a = await threadRepo.attachment(q, attachmentId);
        if (!a || a.consultId !== id) throw new AppError('NOT_FOUND', { details: { entity: 'attachment' } });
        if (!roles.includes('requester') || !EDITABLE_STATES.includes(c.state) || a.view.messageId) {
          throw new AppError('INVALID_STATE', { message: 'Files sent to the hub stay with the record', details: { state: c.state } });
        }
        await threadRepo.removeAttachment(q, attachmentId, auth.user.id);
        await audit.record(
          m,
          {
            action: 'consult.attachment_remove',
            outcome: 'success',
            entityType: 'consult_attachment',
            entityId: attachmentId,
            subjectFacilityId: c.requesting_facility_id,
          },
          q,
        );
      });
    },

    /** The file or its thumbnail, for someone with a part in the request; every read is audited. */
    async content(
      auth: AuthContext,
      attachmentId: string,
      which: 'content' | 'thumbnail',
      m: RequestMeta,
    ): Promise<{ view: Attachment; stream: Readable; size: number; contentType: string }> {
      const a = await threadRepo.attachment(db, attachmentId);
      if (!a) throw new AppError('NOT_FOUND', { details: { entity: 'attachment' } });
      const { c } = await consults.access(auth, a.consultId, m);
      const key = which === 'content' ? a.storageKey : a.thumbnailKey;
      if (!key) throw new AppError('NOT_FOUND', { details: { entity: 'thumbnail' } });
      await audit.record(m, {
        action: 'consult.attachment_read',
        outcome: 'success',
        entityType: 'consult_attachment',
        entityId: attachmentId,
        subjectFacilityId: c.requesting_facility_id,
        details: { which },
      });
      // A record whose file is missing from the store (restored backup, lost volume) answers 404, never a broken stream.
      const size = await store.size(key).catch(() => {
        throw new AppError('NOT_FOUND', { details: { entity: 'file' } });
      });
      return { view: a.view, stream: store.open(key), size, contentType: which === 'content' ? a.view.contentType : 'image/jpeg' };
    },
  };
}
export type ThreadService = ReturnType<typeof createThreadService>;
