import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '@vuonxa/core';
import { createHarness, type Harness } from '../../../test/harness.js';
import { consultWorld, dicomSlice, jpeg, sha256, type World } from '../../../test/consult-world.js';
import { syntheticDicom } from '../../seed/synthetic-dicom.js';
import { sniff } from './inspect.js';

let h: Harness;
let w: World;

beforeAll(async () => {
  h = await createHarness();
  w = await consultWorld(h);
});
afterAll(() => h.close());

async function start(bytes: Buffer, filename = 'f.bin', cookie = w.cookies.clinician, facilityId = w.spoke.id) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { cookie },
    payload: { filename, size: bytes.length, sha256: sha256(bytes), facilityId },
  });
  return res;
}
const chunk = (id: string, offset: number, bytes: Buffer, cookie = w.cookies.clinician) =>
  h.app.inject({
    method: 'PUT',
    url: `/api/uploads/${id}/chunk?offset=${offset}`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
const complete = (id: string, cookie = w.cookies.clinician) =>
  h.app.inject({ method: 'POST', url: `/api/uploads/${id}/complete`, headers: { cookie } });

/** A file larger than two chunks: a PNG padded after its end (valid for decoders) */
async function bigImage(): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  return Buffer.concat([png, Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 1000, 7)]);
}

describe('resumable upload', () => {
  it('resumes after a dropped connection from the offset the server reports, and tolerates a repeated chunk', async () => {
    const bytes = await bigImage();
    const id = (await start(bytes, 'scan.png')).json().id as string;
    expect((await chunk(id, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES))).json().received).toBe(UPLOAD_CHUNK_BYTES);
    // The answer was lost; the sender sends the same chunk again: harmless.
    expect((await chunk(id, 0, bytes.subarray(0, UPLOAD_CHUNK_BYTES))).json().received).toBe(UPLOAD_CHUNK_BYTES);
    // A sender that skips ahead is told where to continue.
    const skip = await chunk(id, UPLOAD_CHUNK_BYTES * 2, bytes.subarray(UPLOAD_CHUNK_BYTES * 2));
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.details.received).toBe(UPLOAD_CHUNK_BYTES);
    // After the drop: ask, continue, complete.
    const status = await h.app.inject({ method: 'GET', url: `/api/uploads/${id}`, headers: { cookie: w.cookies.clinician } });
    let off = status.json().received as number;
    while (off < bytes.length) {
      const res = await chunk(id, off, bytes.subarray(off, off + UPLOAD_CHUNK_BYTES));
      off = res.json().received;
    }
    const blob = await complete(id);
    expect(blob.statusCode, blob.body).toBe(200);
    expect(blob.json()).toMatchObject({
      kind: 'image',
      contentType: 'image/png',
      size: bytes.length,
      sha256: sha256(bytes),
      hasThumbnail: true,
    });
    // Completing twice returns the same file.
    expect((await complete(id)).json().id).toBe(blob.json().id);
  });

  it('refuses to complete an unfinished upload, and a damaged file', async () => {
    const bytes = await jpeg();
    const id = (await start(bytes)).json().id as string;
    expect((await complete(id)).statusCode).toBe(409);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 10) ^ 0xff, damaged.length - 10);
    await chunk(id, 0, damaged);
    const res = await complete(id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('sha256');
    // Start over from zero: the damaged bytes were dropped.
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/uploads/${id}`, headers: { cookie: w.cookies.clinician } })).json().received,
    ).toBe(0);
  });

  it('decides the type from the bytes: HTML named .jpg is refused, a fake JPEG is refused, DICOM is recognised', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    let id = (await start(html, 'photo.jpg')).json().id as string;
    await chunk(id, 0, html);
    expect((await complete(id)).statusCode).toBe(415);

    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 1)]);
    id = (await start(fake, 'x.jpg')).json().id as string;
    await chunk(id, 0, fake);
    expect((await complete(id)).json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const dcm = dicomSlice(3);
    id = (await start(dcm, 'IM0003')).json().id as string;
    await chunk(id, 0, dcm);
    expect((await complete(id)).json()).toMatchObject({ kind: 'dicom', contentType: 'application/dicom', meta: { instanceNumber: 3 } });
    // Deflated (1.2.840.10008.1.2.1.99) and RLE files are read too; a Vietnamese description (UTF-8, ISO_IR 192) keeps its letters.
    for (const encoding of ['deflate', 'rle'] as const) {
      const bytes = syntheticDicom({
        studyUid: '1.2.826.0.1.3680043.10.1234.9',
        seriesUid: `1.2.826.0.1.3680043.10.1234.9.${encoding === 'rle' ? 2 : 1}`,
        sopInstanceUid: `1.2.826.0.1.3680043.10.1234.9.${encoding}.1`,
        seriesNumber: 4,
        instanceNumber: 1,
        seriesDescription: 'Bụng — cắt ngang có thuốc cản quang',
        encoding,
      });
      id = (await start(bytes, `IM-${encoding}`)).json().id as string;
      await chunk(id, 0, bytes);
      const done = await complete(id);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().meta).toMatchObject({ seriesNumber: 4, seriesDescription: 'Bụng — cắt ngang có thuốc cản quang' });
      expect(done.json().meta.transferSyntax).toBe(encoding === 'rle' ? '1.2.840.10008.1.2.5' : '1.2.840.10008.1.2.1.99');
    }
    expect(sniff(Buffer.from('%PDF-1.7\n'))?.kind).toBe('pdf');
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('checks the declared size and the chunk size, and who may upload for a facility', async () => {
    const bytes = await jpeg();
    const id = (await start(bytes)).json().id as string;
    const over = await chunk(id, 0, Buffer.concat([bytes, Buffer.alloc(10)]));
    expect(over.statusCode).toBe(400);
    expect((await chunk(id, 0, Buffer.alloc(UPLOAD_CHUNK_BYTES + 1))).statusCode).toBe(413);
    const json = await h.app.inject({
      method: 'PUT',
      url: `/api/uploads/${id}/chunk?offset=0`,
      headers: { cookie: w.cookies.clinician, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    // Someone else's upload does not exist for me; nor can a hub coordinator upload for the commune station.
    expect((await chunk(id, 0, bytes, w.cookies.coordinator)).statusCode).toBe(404);
    expect((await start(bytes, 'x.jpg', w.cookies.coordinator, w.spoke.id)).statusCode).toBe(403);
    const huge = await h.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { cookie: w.cookies.clinician },
      payload: { filename: 'a/b.jpg', size: 10, sha256: 'x', facilityId: w.spoke.id },
    });
    expect(
      huge
        .json()
        .error.details.issues.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['filename', 'sha256']);
  });

  it('serves a file only to participants, never as active content', async () => {
    const { upload, draftBody } = await import('../../../test/consult-world.js');
    const bytes = await jpeg();
    const blob = await upload(h, w.cookies.clinician, w.spoke.id, bytes, 'anh.jpg');
    const c = await h.app.inject({ method: 'POST', url: '/api/consults', headers: { cookie: w.cookies.clinician }, payload: draftBody(w) });
    const att = await h.app.inject({
      method: 'POST',
      url: `/api/consults/${c.json().id}/attachments`,
      headers: { cookie: w.cookies.clinician },
      payload: { blobId: blob.id },
    });
    const aid = att.json().id as string;
    const file = await h.app.inject({ method: 'GET', url: `/api/attachments/${aid}/content`, headers: { cookie: w.cookies.clinician } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(sha256(file.rawPayload)).toBe(sha256(bytes));
    const thumb = await h.app.inject({ method: 'GET', url: `/api/attachments/${aid}/thumbnail`, headers: { cookie: w.cookies.clinician } });
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/attachments/${aid}/content`, headers: { cookie: w.cookies.coordinator } }))
        .statusCode,
    ).toBe(404);
    // A blob uploaded by someone else cannot be attached by id.
    const other = await h.app.inject({
      method: 'POST',
      url: `/api/consults/${c.json().id}/attachments`,
      headers: { cookie: w.cookies.clinician },
      payload: { blobId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(other.json().error.details.issues[0].field).toBe('blobId');
    // Removing from a draft is allowed; the audit trail has the read.
    expect(
      (
        await h.app.inject({
          method: 'DELETE',
          url: `/api/consults/${c.json().id}/attachments/${aid}`,
          headers: { cookie: w.cookies.clinician },
        })
      ).statusCode,
    ).toBe(204);
    const { rows } = await h.db.query(`SELECT 1 FROM audit_event WHERE action = 'consult.attachment_read' AND entity_id = $1`, [aid]);
    expect(rows).toHaveLength(2);
  });
});
