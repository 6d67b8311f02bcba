import type { Queryable } from '../../src/storage/tenant-pool.ts';

/** `db`, recording the text of each statement when it is sent (before anything runs it). */
export function recording(db: Queryable): Queryable & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    query: (text: string, values?: unknown[]) => {
      sent.push(text);
      return db.query(text, values);
    },
  };
}
