import { deleteSession } from '../storage/sessions.ts';
import type { ServiceContext } from './context.ts';
import { hashToken } from './security.ts';

/** Ends a session. */
export async function logOut(ctx: ServiceContext, token: string): Promise<void> {
  await deleteSession(ctx.db, hashToken(token));
}
