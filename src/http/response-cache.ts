import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers of read routes kept in memory, per organization and version of its data.
 *
 * Every request reads its organization's data version in the statement that authenticates it
 * (`organizations.data_version`, raised in the same commit as any change to what the customer list shows:
 * migrations/0015_data_versions.sql). An answer is kept under the version read before it was computed and is
 * served only to a request that reads that same version: once a change commits, every request reads the new
 * version and the old answers are never served again, whichever process made the change (an import worker, the
 * command line). The data an answer holds is never older than its version, since the version was read first.
 *
 * Bounded by the bytes kept; the least recently served answers go first.
 */
export class ResponseCache {
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  #bytes = 0;
  /** By organization and URL; the Map's order is the order of last use. */
  readonly #entries = new Map<string, { version: string; body: Buffer }>();

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
    this.#maxEntryBytes = Math.floor(maxBytes / 8);
  }

  /** The bytes of the answers kept. */
  get bytes(): number {
    return this.#bytes;
  }

  get(organizationId: string, version: string, url: string): Buffer | undefined {
    const key = `${organizationId} ${url}`;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) {
      this.#bytes -= entry.body.length;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry.body;
  }

  set(organizationId: string, version: string, url: string, body: Buffer): void {
    if (body.length > this.#maxEntryBytes) return;
    const key = `${organizationId} ${url}`;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.body.length;
    }
    this.#entries.set(key, { version, body });
    this.#bytes += body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.length;
    }
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Route hooks answering an authenticated GET from the cache, and keeping the route's own successful answers (as
 * serialized, after the response schema): a route's answer must depend only on its URL and the caller's
 * organization's listed data, not on who in the organization asks.
 */
export function cachedAnswers(cache: ResponseCache) {
  const pending = new WeakMap<FastifyRequest, { organizationId: string; version: string }>();
  return {
    preHandler: async (req: FastifyRequest, reply: FastifyReply) => {
      if (req.method !== 'GET' || !req.actor || req.dataVersion === null) return;
      const { organizationId } = req.actor;
      const body = cache.get(organizationId, req.dataVersion, req.url);
      if (body) return reply.type(JSON_TYPE).send(body);
      pending.set(req, { organizationId, version: req.dataVersion });
    },
    onSend: async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const slot = pending.get(req);
      if (slot && reply.statusCode === 200 && typeof payload === 'string')
        cache.set(slot.organizationId, slot.version, req.url, Buffer.from(payload));
      return payload;
    },
  };
}
