import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../app.ts';
import { registerApiKeyRoutes } from './api-keys.ts';
import { registerAuditEventRoutes } from './audit-events.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerContactRoutes } from './contacts.ts';
import { registerCustomerRoutes } from './customers.ts';
import { registerDunningPlanRoutes } from './dunning-plans.ts';
import { registerFileRoutes } from './files.ts';
import { registerImportRoutes } from './imports.ts';
import { registerInvoiceRoutes } from './invoices.ts';
import { registerMemberRoutes } from './members.ts';
import { registerNotificationRoutes } from './notifications.ts';
import { registerOrganizationRoutes } from './organization.ts';
import { registerQualityRoutes } from './quality.ts';
import { registerRecipientRoutes } from './recipients.ts';

/** Registers every /api/v1 resource. */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await app.register(
    async (api) => {
      registerAuthRoutes(api, deps);
      registerMemberRoutes(api, deps);
      registerApiKeyRoutes(api, deps);
      registerCustomerRoutes(api, deps);
      registerContactRoutes(api, deps);
      registerDunningPlanRoutes(api, deps);
      registerImportRoutes(api, deps);
      registerFileRoutes(api, deps);
      registerNotificationRoutes(api, deps);
      registerOrganizationRoutes(api, deps);
      registerInvoiceRoutes(api, deps);
      registerRecipientRoutes(api, deps);
      registerQualityRoutes(api, deps);
      registerAuditEventRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
}
