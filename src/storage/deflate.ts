import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const deflateAsync = promisify(deflateRaw);
const inflateAsync = promisify(inflateRaw);

/**
 * Raw deflate at level 1 for what the application stores compressed (an import's change log and uploaded file,
 * migration 0019): about a fifth of the size of their text, at some 200 MB/s. Both directions run in libuv's thread
 * pool, not on this thread, and cost the database nothing (the columns are stored without TOAST compression).
 */
export function deflate(data: Buffer | string): Promise<Buffer> {
  return deflateAsync(typeof data === 'string' ? Buffer.from(data) : data, { level: 1 });
}

export function inflate(data: Buffer): Promise<Buffer> {
  return inflateAsync(data);
}
