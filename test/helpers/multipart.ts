import { randomBytes } from 'node:crypto';

/** One part of a multipart/form-data body: a text field, or a file with its name and bytes. */
export type FormPart =
  | { name: string; value: string }
  | { name: string; fileName: string; content: Buffer | string; contentType?: string };

/**
 * A multipart/form-data body written by hand (RFC 7578), parts in the given order, so tests send exactly the
 * bytes a browser would, with no client library in between.
 */
export function multipartBody(parts: FormPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----clientele-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`, 'utf8'));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n`, 'utf8'));
      chunks.push(Buffer.from(part.value, 'utf8'));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
          'utf8',
        ),
      );
      chunks.push(typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : part.content);
    }
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
