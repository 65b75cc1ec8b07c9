import type { ReportContent } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

export interface ReportRow {
  id: string;
  consult_id: string;
  version: number;
  supersedes_id: string | null;
  state: 'draft' | 'signing' | 'final';
  content: ReportContent;
  content_hash: string | null;
  required_signers: { userId: string; role: 'chair' | 'specialist' }[];
  drafted_by: string;
  drafted_by_name: string;
  created_at: Date;
  frozen_at: Date | null;
  finalized_at: Date | null;
}

export interface SignatureRow {
  signer_user_id: string;
  signer_name: string;
  role: 'chair' | 'specialist';
  key_id: string;
  fingerprint: string;
  public_key: string;
  revoked_at: Date | null;
  payload_hash: string;
  signature: string;
  signed_at: Date;
}

const SELECT = `SELECT r.*, u.display_name AS drafted_by_name FROM consult_report r JOIN app_user u ON u.id = r.drafted_by`;

export const reportsRepo = {
  async get(q: Queryable, id: string, forUpdate = false): Promise<ReportRow | null> {
    const { rows } = await q.query<ReportRow>(`${SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`, [id]);
    return rows[0] ?? null;
  },
  async ofConsult(q: Queryable, consultId: string): Promise<ReportRow[]> {
    const { rows } = await q.query<ReportRow>(`${SELECT} WHERE r.consult_id = $1 ORDER BY r.version DESC`, [consultId]);
    return rows;
  },
  async insert(
    q: Queryable,
    r: { consultId: string; version: number; supersedesId: string | null; content: ReportContent; by: string },
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consult_report (consult_id, version, supersedes_id, content, drafted_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [r.consultId, r.version, r.supersedesId, JSON.stringify(r.content), r.by],
    );
    return rows[0]!.id;
  },
  async updateDraft(q: Queryable, id: string, content: ReportContent) {
    await q.query(`UPDATE consult_report SET content = $2 WHERE id = $1 AND state = 'draft'`, [id, JSON.stringify(content)]);
  },
  async freeze(q: Queryable, id: string, hash: string, signers: ReportRow['required_signers']) {
    await q.query(
      `UPDATE consult_report SET state = 'signing', content_hash = $2, required_signers = $3, frozen_at = now() WHERE id = $1`,
      [id, hash, JSON.stringify(signers)],
    );
  },
  async finalize(q: Queryable, id: string, retentionYears: number) {
    await q.query(
      `UPDATE consult_report SET state = 'final', finalized_at = now(), retain_until = now() + make_interval(years => $2) WHERE id = $1`,
      [id, retentionYears],
    );
  },
  async signatures(q: Queryable, reportId: string): Promise<SignatureRow[]> {
    const { rows } = await q.query<SignatureRow>(
      `SELECT s.signer_user_id, u.display_name AS signer_name, s.role, s.key_id, k.fingerprint, k.public_key, k.revoked_at, s.payload_hash,
              s.signature, s.signed_at
         FROM report_signature s JOIN app_user u ON u.id = s.signer_user_id JOIN signing_key k ON k.id = s.key_id
        WHERE s.report_id = $1 ORDER BY s.signed_at, s.id`,
      [reportId],
    );
    return rows;
  },
  async insertSignature(
    q: Queryable,
    s: { reportId: string; userId: string; role: string; keyId: string; payloadHash: string; signature: string },
  ) {
    await q.query(
      `INSERT INTO report_signature (report_id, signer_user_id, role, key_id, payload_hash, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.reportId, s.userId, s.role, s.keyId, s.payloadHash, s.signature],
    );
  },
  async userNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
    const { rows } = await q.query<{ id: string; display_name: string }>(
      'SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },
  async supersededBy(q: Queryable, id: string): Promise<string | null> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM consult_report WHERE supersedes_id = $1', [id]);
    return rows[0]?.id ?? null;
  },
  async passwordHash(q: Queryable, userId: string): Promise<string | null> {
    const { rows } = await q.query<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE id = $1 AND active', [userId]);
    return rows[0]?.password_hash ?? null;
  },
  /** Whether a user may take the chair / secretary / signer part: assigned, in a session on the request, or staff of the hub. */
  async eligible(q: Queryable, consultId: string, hubId: string | null, userIds: string[]): Promise<Set<string>> {
    const { rows } = await q.query<{ id: string }>(
      `SELECT u AS id FROM unnest($1::uuid[]) AS u
        WHERE EXISTS (SELECT 1 FROM consult_assignment a WHERE a.consult_id = $2 AND a.user_id = u)
           OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u AND m.facility_id = $3 AND m.role IN ('specialist', 'coordinator'))
           OR EXISTS (SELECT 1 FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
                       WHERE sa.consult_id = $2 AND s.state <> 'cancelled'
                         AND (s.chair_user_id = u OR s.secretary_user_id = u
                              OR EXISTS (SELECT 1 FROM session_invite i WHERE i.session_id = s.id AND i.user_id = u)))`,
      [userIds, consultId, hubId],
    );
    return new Set(rows.map((r) => r.id));
  },
};
