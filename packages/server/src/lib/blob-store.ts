import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where files live. The local directory is the default; an S3-compatible store implements the same interface.
 * Objects are content-addressed (`sha256`), so the same image sent twice is stored once.
 */
export interface BlobStore {
  /** Writes `bytes` at `offset` of an unfinished upload (positional, so a retried chunk rewrites the same bytes). */
  writePart(uploadId: string, offset: number, bytes: Buffer): Promise<void>;
  partPath(uploadId: string): string;
  /** Moves a finished upload into the store under its hash and returns the object key. */
  commitPart(uploadId: string, sha256: string): Promise<string>;
  discardPart(uploadId: string): Promise<void>;
  put(key: string, bytes: Buffer): Promise<void>;
  /** Files a local file under `key` (large media: copied, never read into memory). */
  putFile(key: string, source: string): Promise<void>;
  open(key: string): Readable;
  size(key: string): Promise<number>;
}

const SAFE_ID = /^[0-9a-f-]{36}$/;

export function createLocalBlobStore(root: string): BlobStore {
  const incoming = path.join(root, 'incoming');
  const objects = path.join(root, 'objects');
  const partPath = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error('bad upload id');
    return path.join(incoming, `${id}.part`);
  };
  const objectPath = (key: string) => {
    if (!/^[\w./-]+$/.test(key) || key.includes('..')) throw new Error('bad object key');
    return path.join(objects, key);
  };
  return {
    partPath,
    async writePart(id, offset, bytes) {
      await mkdir(incoming, { recursive: true });
      const fh = await open(partPath(id), 'a+').then(async (h) => {
        await h.close();
        return open(partPath(id), 'r+');
      });
      try {
        await fh.write(bytes, 0, bytes.length, offset);
      } finally {
        await fh.close();
      }
    },
    async commitPart(id, sha256) {
      const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      const dest = objectPath(key);
      await mkdir(path.dirname(dest), { recursive: true });
      await rename(partPath(id), dest);
      return key;
    },
    async discardPart(id) {
      await rm(partPath(id), { force: true });
    },
    async put(key, bytes) {
      const dest = objectPath(key);
      await mkdir(path.dirname(dest), { recursive: true });
      await writeFile(dest, bytes);
    },
    async putFile(key, source) {
      const dest = objectPath(key);
      await mkdir(path.dirname(dest), { recursive: true });
      await copyFile(source, dest);
    },
    open: (key) => createReadStream(objectPath(key)),
    size: async (key) => (await stat(objectPath(key))).size,
  };
}
