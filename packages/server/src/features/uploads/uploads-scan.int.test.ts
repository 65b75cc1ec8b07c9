import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamdScanner } from '../../lib/malware-scanner.js';
import { clamdBinary, clamdRequired, startClamd, TEST_MALWARE_MARKER, type RunningClamd } from '../../../test/clamd.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { consultWorld, sha256, type World } from '../../../test/consult-world.js';

let clamd: RunningClamd;
let h: Harness;
let w: World;

/** A small valid-looking PDF (accepted by type) that carries `extra` in its body. */
const pdf = (extra: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Title (${extra}) >>\nendobj\ntrailer\n<< >>\n%%EOF\n`, 'latin1');

/** Sends `bytes` as a PDF upload of the world's clinician in one chunk; `complete()` asks for it to be kept. */
async function send(bytes: Buffer, on: { h: Harness; w: World } = { h, w }) {
  const cookie = on.w.cookies.clinician;
  const start = await on.h.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { cookie },
    payload: { filename: 'ket-qua.pdf', size: bytes.length, sha256: sha256(bytes), facilityId: on.w.spoke.id },
  });
  const id = start.json().id as string;
  await on.h.app.inject({
    method: 'PUT',
    url: `/api/uploads/${id}/chunk?offset=0`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return {
    id,
    complete: () => on.h.app.inject({ method: 'POST', url: `/api/uploads/${id}/complete`, headers: { cookie } }),
    status: () => on.h.app.inject({ method: 'GET', url: `/api/uploads/${id}`, headers: { cookie } }),
  };
}

describe.skipIf(!clamdBinary && !clamdRequired)('uploads scanned by clamd', () => {
  beforeAll(async () => {
    clamd = await startClamd();
    h = await createHarness({ env: { CLAMD_ADDRESS: clamd.address } });
    w = await consultWorld(h);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await clamd?.stop();
  });

  it('keeps a clean file and refuses an infected one, naming the signature, keeping nothing and auditing the refusal', async () => {
    const clean = await send(pdf('Ket qua xet nghiem'));
    const ok = await clean.complete();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'pdf' });

    const bad = pdf(`Ket qua ${TEST_MALWARE_MARKER}`);
    const infected = await send(bad);
    const refused = await infected.complete();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'FILE_MALWARE',
      details: { field: 'file', signature: 'Vuonxa.Test.Marker.UNOFFICIAL' },
    });
    const { rows: blobs } = await h.db.query('SELECT 1 FROM blob WHERE sha256 = $1', [sha256(bad)]);
    expect(blobs).toHaveLength(0);
    expect((await infected.status()).json().received).toBe(0);
    const { rows: audit } = await h.db.query<{ outcome: string; details: { signature: string } }>(
      `SELECT outcome, details FROM audit_event WHERE action = 'upload.refused' AND entity_id = $1`,
      [infected.id],
    );
    expect(audit).toEqual([{ outcome: 'denied', details: { reason: 'malware', signature: 'Vuonxa.Test.Marker.UNOFFICIAL' } }]);
  });

  it('answers 503 when the scanner is down and keeps what arrived, so completing again needs no resend', async () => {
    const down = await createHarness({ env: { CLAMD_ADDRESS: '127.0.0.1:9' } });
    try {
      const upload = await send(pdf('Phieu chuyen vien'), { h: down, w: await consultWorld(down) });
      const res = await upload.complete();
      expect(res.statusCode).toBe(503);
      expect(res.json().error.details).toMatchObject({ field: 'file', reason: 'scanner_unavailable' });
      expect((await upload.status()).json().received).toBe(pdf('Phieu chuyen vien').length);
    } finally {
      await down.close();
    }
  });

  it('streams a file larger than one chunk to the daemon', async () => {
    const big = Buffer.concat([Buffer.alloc(300 * 1024, 0x41), Buffer.from(TEST_MALWARE_MARKER), Buffer.alloc(10, 0x42)]);
    const { writeFile, rm } = await import('node:fs/promises');
    const file = `/tmp/vx-scan-${process.pid}.bin`;
    await writeFile(file, big);
    try {
      const scanner = clamdScanner({ address: clamd.address });
      expect(await scanner.scan(file)).toEqual({ clean: false, signature: 'Vuonxa.Test.Marker.UNOFFICIAL' });
    } finally {
      await rm(file, { force: true });
    }
  });
});
