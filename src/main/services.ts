import type { Config } from '../config.ts';
import type { ServiceContext } from '../services/context.ts';
import { openDatabase, resolveDatabaseUrl } from '../storage/database.ts';

/** The service context on the configured database (embedded unless DATABASE_URL is set), migrated. */
export async function openServices(
  config: Config,
  opts: { log?: (m: string) => void; poolSize?: number } = {},
): Promise<{ ctx: ServiceContext; url: string; close: () => Promise<void> }> {
  const url = await resolveDatabaseUrl({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    embeddedPort: config.EMBEDDED_PG_PORT,
    log: opts.log ?? ((m) => console.error(m)),
  });
  const database = await openDatabase(url, { max: opts.poolSize ?? 10, appUrl: config.APP_DATABASE_URL });
  const ctx: ServiceContext = {
    db: database.db,
    pool: database.pool,
    tenants: database.tenants,
    system: database.system,
    settings: {
      publicUrl: config.PUBLIC_URL,
      defaultFeatures: config.DEFAULT_FEATURES,
      files: {
        maxBytes: config.MAX_UPLOAD_BYTES,
        maxLineBytes: config.MAX_LINE_BYTES,
        maxColumns: config.MAX_COLUMNS,
      },
    },
  };
  return { ctx, url, close: () => database.close() };
}
