import { deleteSession } from '../storage/sessions.ts';
import { asSystem, type ServiceContext } from './context.ts';
import { hashToken } from './security.ts';

/** Ends a session. */
export async function logOut(ctx: ServiceContext, token: string): Promise<void> {
  // Found by its token alone (the cookie may belong to any organization).
  await deleteSession(asSystem(ctx).db, hashToken(token));
}
