import { insertSession } from '../storage/sessions.ts';
import { inOrganization, type ServiceContext } from './context.ts';
import { hashToken, newToken } from './security.ts';

const SESSION_DAYS = 14;

/** A new session: the token goes into the cookie, the CSRF token into the page. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a user in one of their organizations. */
export async function openSession(
  ctx: ServiceContext,
  userId: string,
  organizationId: string,
): Promise<NewSession> {
  ctx = inOrganization(ctx, organizationId);
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await insertSession(ctx.db, {
    token_hash: hashToken(token),
    user_id: userId,
    organization_id: organizationId,
    csrf_token: csrfToken,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}
