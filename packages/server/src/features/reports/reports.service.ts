import {
  AppError,
  canonicalReportPayload,
  fieldError,
  nextConsultState,
  type ConsultReport,
  type ReportContent,
  type ReportContentInput,
  type ReportVerification,
} from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { PasswordHasher } from '../../lib/passwords.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import type { ConsultRole } from '../consults/consult-access.js';
import { consultsRepo, type ConsultRow } from '../consults/consults.repo.js';
import type { ConsultsService } from '../consults/consults.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { reportsRepo, type ReportRow, type SignatureRow } from './reports.repo.js';
import { sha256Hex, signPayload, signingKeys, verifyPayload } from './signing.js';

const DRAFTABLE = ['accepted', 'scheduled', 'in_session'];

export function payloadOf(r: Pick<ReportRow, 'id' | 'consult_id' | 'version' | 'content'>): string {
  return canonicalReportPayload({ id: r.id, consultId: r.consult_id, version: r.version, content: r.content });
}

/**
 * The consultation report (biên bản hội chẩn): drafted by the secretary, frozen for signature, signed by the chair
 * and the responsible specialists with their own keys, then immutable. A correction is a new signed version that
 * points at the one it supersedes.
 */
export function createReportsService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  box: SecretBox;
  hasher: PasswordHasher;
  consults: ConsultsService;
  notifications: NotificationsService;
  retentionYears: number;
  outcomeDueDays: number;
}) {
  const { db, audit, box, hasher, consults, notifications } = deps;

  const writer = (roles: ConsultRole[]) => roles.includes('specialist') || roles.includes('hub');

  async function load(auth: AuthContext, id: string, m: RequestMeta, q: Queryable = db, forUpdate = false) {
    const r = await reportsRepo.get(q, id, forUpdate);
    if (!r) throw new AppError('NOT_FOUND', { details: { entity: 'report' } });
    const { c, roles } = await consults.access(auth, r.consult_id, m, q);
    return { r, c, roles };
  }

  async function view(auth: AuthContext, r: ReportRow, roles: ConsultRole[]): Promise<ConsultReport> {
    const sigs = await reportsRepo.signatures(db, r.id);
    const names = await reportsRepo.userNames(
      db,
      r.required_signers.map((s) => s.userId),
    );
    const signed = new Set(sigs.map((s) => s.signer_user_id));
    const mine = r.required_signers.find((s) => s.userId === auth.user.id);
    return {
      id: r.id,
      consultId: r.consult_id,
      version: r.version,
      supersedesId: r.supersedes_id,
      state: r.state,
      content: r.content,
      contentHash: r.content_hash,
      requiredSigners: r.required_signers.map((s) => ({
        id: s.userId,
        name: names.get(s.userId) ?? '',
        role: s.role,
        signed: signed.has(s.userId),
      })),
      signatures: sigs.map((s) => ({
        signer: { id: s.signer_user_id, name: s.signer_name },
        role: s.role,
        keyFingerprint: s.fingerprint,
        signedAt: s.signed_at.toISOString(),
      })),
      draftedBy: { id: r.drafted_by, name: r.drafted_by_name },
      createdAt: r.created_at.toISOString(),
      finalizedAt: r.finalized_at?.toISOString() ?? null,
      canEdit: r.state === 'draft' && writer(roles),
      canSign: r.state === 'signing' && mine !== undefined && !signed.has(auth.user.id),
    };
  }

  /** Resolves people and codes to the names that will be signed, checking each is a participant. */
  async function resolveContent(q: Queryable, c: ConsultRow, input: ReportContentInput): Promise<ReportContent> {
    const ok = await reportsRepo.eligible(q, c.id, c.target_hub_id, [input.chairUserId, input.secretaryUserId]);
    if (!ok.has(input.chairUserId)) throw fieldError('content.chairUserId', 'the chair must take part in this consultation', 'invalid');
    if (!ok.has(input.secretaryUserId))
      throw fieldError('content.secretaryUserId', 'the secretary must take part in this consultation', 'invalid');
    const names = await reportsRepo.userNames(q, [input.chairUserId, input.secretaryUserId]);
    const codes = input.diagnoses.map((d) => d.code.toUpperCase());
    const known = await consultsRepo.diagnosisNames(q, codes);
    const bad = codes.findIndex((code) => !known.has(code));
    if (bad >= 0) throw fieldError(`content.diagnoses.${bad}.code`, 'not an ICD-10 code of the catalogue', 'not_found');
    const { chairUserId, secretaryUserId, diagnoses: _d, ...rest } = input;
    return {
      ...rest,
      consultRef: c.ref,
      chair: { id: chairUserId, name: names.get(chairUserId)! },
      secretary: { id: secretaryUserId, name: names.get(secretaryUserId)! },
      diagnoses: codes.map((code) => ({ code, nameVi: known.get(code)!.nameVi })),
    };
  }

  async function verification(r: ReportRow, sigs: SignatureRow[]): Promise<ReportVerification> {
    const payload = payloadOf(r);
    const currentHash = sha256Hex(payload);
    const contentUnchanged = r.content_hash === null || r.content_hash === currentHash;
    const signatures = sigs.map((s) => {
      const valid = verifyPayload(s.public_key, payload, s.signature) && s.payload_hash === currentHash;
      const problem = !valid ? 'signature_mismatch' : s.revoked_at && s.revoked_at < s.signed_at ? 'key_revoked' : null;
      return {
        signer: { id: s.signer_user_id, name: s.signer_name },
        role: s.role,
        keyFingerprint: s.fingerprint,
        signedAt: s.signed_at.toISOString(),
        valid: valid && problem === null,
        problem,
      };
    });
    const signedBy = new Set(sigs.map((s) => s.signer_user_id));
    const complete = r.required_signers.length > 0 && r.required_signers.every((s) => signedBy.has(s.userId));
    return {
      reportId: r.id,
      version: r.version,
      state: r.state,
      frozenHash: r.content_hash,
      currentHash,
      contentUnchanged,
      signatures,
      complete,
      valid: r.state === 'final' && complete && contentUnchanged && signatures.every((s) => s.valid),
      supersedes: r.supersedes_id,
      supersededBy: await reportsRepo.supersededBy(db, r.id),
    };
  }

  return {
    verification,

    async bundle(auth: AuthContext, consultId: string, m: RequestMeta) {
      const { c, roles } = await consults.access(auth, consultId, m);
      const all = await reportsRepo.ofConsult(db, consultId);
      if (all[0])
        await audit.record(m, {
          action: 'report.read',
          outcome: 'success',
          entityType: 'consult_report',
          entityId: all[0].id,
          subjectFacilityId: c.requesting_facility_id,
        });
      return {
        current: all[0] ? await view(auth, all[0], roles) : null,
        versions: all.map((r) => ({ id: r.id, version: r.version, state: r.state, finalizedAt: r.finalized_at?.toISOString() ?? null })),
      };
    },

    async saveDraft(auth: AuthContext, consultId: string, input: ReportContentInput, m: RequestMeta): Promise<ConsultReport> {
      const id = await db.tx(async (q) => {
        const { c, roles } = await consults.access(auth, consultId, m, q, true);
        if (!writer(roles)) throw new AppError('FORBIDDEN', { details: { permission: 'consult.answer' } });
        const all = await reportsRepo.ofConsult(q, consultId);
        const open = all.find((r) => r.state !== 'final');
        if (open && open.state === 'signing')
          throw new AppError('INVALID_STATE', {
            message: 'The report is being signed and can no longer change',
            details: { state: 'signing' },
          });
        if (!open && all.length > 0)
          throw new AppError('INVALID_STATE', { message: 'The report is final: amend it to correct it', details: { state: 'final' } });
        if (!open && !DRAFTABLE.includes(c.state))
          throw new AppError('INVALID_STATE', { message: `No report in state ${c.state}`, details: { state: c.state } });
        const content = await resolveContent(q, c, input);
        let reportId: string;
        if (open) {
          await reportsRepo.updateDraft(q, open.id, content);
          reportId = open.id;
        } else {
          reportId = await reportsRepo.insert(q, { consultId, version: 1, supersedesId: null, content, by: auth.user.id });
        }
        await audit.record(
          m,
          {
            action: 'report.draft',
            outcome: 'success',
            entityType: 'consult_report',
            entityId: reportId,
            subjectFacilityId: c.requesting_facility_id,
          },
          q,
        );
        return reportId;
      });
      const { r, roles } = await load(auth, id, m);
      return view(auth, r, roles);
    },

    async freeze(auth: AuthContext, id: string, specialistSignerIds: string[], m: RequestMeta): Promise<ConsultReport> {
      const notice = await db.tx(async (q) => {
        const { r, c, roles } = await load(auth, id, m, q, true);
        if (!writer(roles)) throw new AppError('FORBIDDEN', { details: { permission: 'consult.answer' } });
        if (r.state !== 'draft')
          throw new AppError('INVALID_STATE', { message: 'Only a draft can be sent for signature', details: { state: r.state } });
        const chair = r.content.chair.id;
        const others = [...new Set(specialistSignerIds)].filter((u) => u !== chair);
        const ok = await reportsRepo.eligible(q, c.id, c.target_hub_id, others);
        const bad = others.findIndex((u) => !ok.has(u));
        if (bad >= 0) throw fieldError(`specialistSignerIds.${bad}`, 'must take part in this consultation', 'invalid');
        const signers = [{ userId: chair, role: 'chair' as const }, ...others.map((userId) => ({ userId, role: 'specialist' as const }))];
        await reportsRepo.freeze(q, id, sha256Hex(payloadOf(r)), signers);
        await audit.record(
          m,
          {
            action: 'report.freeze',
            outcome: 'success',
            entityType: 'consult_report',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
            details: { signers: signers.length },
          },
          q,
        );
        return { userIds: signers.map((s) => s.userId), ref: c.ref, consultId: c.id };
      });
      await notifications.notify([
        { userIds: notice.userIds, kind: 'report.sign_requested', consultId: notice.consultId, ref: notice.ref },
      ]);
      const { r, roles } = await load(auth, id, m);
      return view(auth, r, roles);
    },

    async sign(auth: AuthContext, id: string, password: string, m: RequestMeta): Promise<ConsultReport> {
      const hash = await reportsRepo.passwordHash(db, auth.user.id);
      if (!hash || !(await hasher.verify(hash, password))) {
        await audit.record(m, { action: 'report.sign_failed', outcome: 'failure', entityType: 'consult_report', entityId: id });
        throw new AppError('AUTH_INVALID_CREDENTIALS', { details: { field: 'password' } });
      }
      const after = await db.tx(async (q) => {
        const { r, c } = await load(auth, id, m, q, true);
        if (r.state !== 'signing')
          throw new AppError('INVALID_STATE', { message: 'The report is not awaiting signatures', details: { state: r.state } });
        const me = r.required_signers.find((s) => s.userId === auth.user.id);
        if (!me) throw new AppError('FORBIDDEN', { details: { role: 'signer' } });
        const sigs = await reportsRepo.signatures(q, id);
        if (sigs.some((s) => s.signer_user_id === auth.user.id))
          throw new AppError('INVALID_STATE', { message: 'Already signed', details: { state: r.state } });
        const payload = payloadOf(r);
        const payloadHash = sha256Hex(payload);
        // The frozen hash is what the signers were shown; if the stored content no longer matches it, refuse to sign.
        if (payloadHash !== r.content_hash)
          throw new AppError('INVALID_STATE', { message: 'The report content changed since it was frozen', details: { state: r.state } });
        const key = await signingKeys.active(q, box, auth.user.id);
        await reportsRepo.insertSignature(q, {
          reportId: id,
          userId: auth.user.id,
          role: me.role,
          keyId: key.id,
          payloadHash,
          signature: signPayload(key.privateKeyPem, payload),
        });
        await audit.record(
          m,
          {
            action: 'report.sign',
            outcome: 'success',
            entityType: 'consult_report',
            entityId: id,
            subjectFacilityId: c.requesting_facility_id,
            details: { role: me.role, key: key.fingerprint.slice(0, 16) },
          },
          q,
        );
        const signedNow = new Set([...sigs.map((s) => s.signer_user_id), auth.user.id]);
        if (!r.required_signers.every((s) => signedNow.has(s.userId))) return null;
        await reportsRepo.finalize(q, id, deps.retentionYears);
        const fresh = (await consultsRepo.get(q, c.id, true))!;
        if (nextConsultState(fresh.state, 'conclude')) {
          const now = deps.clock.now();
          await consultsRepo.transition(
            q,
            fresh,
            'concluded',
            auth.user.id,
            'conclude',
            { concluded_at: new Date(now), outcome_due_at: new Date(now + deps.outcomeDueDays * 86_400_000) },
            { reportId: id, version: r.version },
          );
        }
        return { c: fresh, watchers: await consults.everyoneOn(q, fresh) };
      });
      if (after) {
        await notifications.notify(
          [{ userIds: after.watchers, kind: 'report.final', consultId: after.c.id, ref: after.c.ref }],
          auth.user.id,
        );
        notifications.changed(after.watchers, after.c.id, auth.user.id);
      }
      const { r, roles } = await load(auth, id, m);
      return view(auth, r, roles);
    },

    async amend(auth: AuthContext, id: string, m: RequestMeta): Promise<ConsultReport> {
      const newId = await db.tx(async (q) => {
        const { r, c, roles } = await load(auth, id, m, q, true);
        if (!writer(roles)) throw new AppError('FORBIDDEN', { details: { permission: 'consult.answer' } });
        if (r.state !== 'final')
          throw new AppError('INVALID_STATE', { message: 'Only a final report is amended', details: { state: r.state } });
        const all = await reportsRepo.ofConsult(q, r.consult_id);
        if (all[0]?.id !== r.id) throw new AppError('CONFLICT', { message: 'A newer version exists', details: { latest: all[0]?.id } });
        const nid = await reportsRepo.insert(q, {
          consultId: r.consult_id,
          version: r.version + 1,
          supersedesId: r.id,
          content: r.content,
          by: auth.user.id,
        });
        await audit.record(
          m,
          {
            action: 'report.amend',
            outcome: 'success',
            entityType: 'consult_report',
            entityId: nid,
            subjectFacilityId: c.requesting_facility_id,
            details: { supersedes: r.id },
          },
          q,
        );
        return nid;
      });
      const { r, roles } = await load(auth, newId, m);
      return view(auth, r, roles);
    },

    async verify(auth: AuthContext, id: string, m: RequestMeta): Promise<ReportVerification> {
      const { r, c } = await load(auth, id, m);
      const result = await verification(r, await reportsRepo.signatures(db, id));
      await audit.record(m, {
        action: 'report.verify',
        outcome: 'success',
        entityType: 'consult_report',
        entityId: id,
        subjectFacilityId: c.requesting_facility_id,
        details: { valid: result.valid },
      });
      return result;
    },

    /** What the PDF needs: the report, its signatures and verification, the patient. */
    async forExport(auth: AuthContext, id: string, m: RequestMeta) {
      const { r, c } = await load(auth, id, m);
      const sigs = await reportsRepo.signatures(db, id);
      const v = await verification(r, sigs);
      const detail = await consults.get(auth, c.id, m);
      await audit.record(m, {
        action: 'report.export',
        outcome: 'success',
        entityType: 'consult_report',
        entityId: id,
        subjectFacilityId: c.requesting_facility_id,
      });
      return { report: r, verification: v, consult: detail };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
