import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Language } from './schema.ts';

/** Table types of migrations/0004_notifications.sql, kept beside schema.ts until DB lists them. */

type Json = ColumnType<unknown, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type OutboxChannelName = 'email' | 'slack';
export type OutboxStatus = 'pending' | 'sent' | 'dead';

export interface NotificationsTable {
  organization_id: string;
  id: Generated<string>;
  member_id: string;
  kind: string;
  params: Json;
  link: string | null;
  created_at: CreatedAt;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface OutboxTable {
  organization_id: string;
  id: Generated<string>;
  channel: OutboxChannelName;
  member_id: string | null;
  kind: string;
  params: Json;
  link: string | null;
  language: Generated<Language>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The notification tables, to add to DB (or to use with `db.withTables<NotificationsDB>()` until then). */
// A type, not an interface: withTables wants an index-compatible record.
export type NotificationsDB = {
  notifications: NotificationsTable;
  outbox: OutboxTable;
};

export type NotificationRow = Selectable<NotificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
