import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  APP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Clientele <no-reply@clientele.local>'),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 1024 * 1024),
  MAX_LINE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  MAX_COLUMNS: z.coerce.number().int().positive().default(500),
  DEFAULT_FEATURES: z
    .string()
    .default('contact-import')
    .transform((s) =>
      s
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  RUN_WORKER: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  COOKIE_SECURE: bool.default(false),
  // Applied by bin/clientele.js before anything is loaded (V8 reads it at each full collection); listed here so a
  // wrong value is reported with the others.
  HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(1000).default(100),
});

/** The parsed configuration; `publicUrl` is always set and `dataDir` is absolute. */
export type Config = Omit<z.infer<typeof schema>, 'PUBLIC_URL' | 'DATA_DIR'> & {
  PUBLIC_URL: string;
  DATA_DIR: string;
};

const KEEP_EMPTY = new Set(['DEFAULT_FEATURES']);

/** Parses an environment; returns every problem found instead of the first. */
export function parseConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; problems: string[] } {
  // An empty variable means "not set", except where emptiness is a value (no default features at all).
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && (v !== '' || KEEP_EMPTY.has(k))),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    };
  }
  const c = parsed.data;
  return {
    ok: true,
    config: {
      ...c,
      DATA_DIR: path.resolve(c.DATA_DIR),
      PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    },
  };
}

let cached: Config | undefined;

/** The process configuration, parsed once from process.env; prints every problem and exits when invalid. */
export function config(): Config {
  if (cached) return cached;
  const result = parseConfig(process.env);
  if (!result.ok) {
    console.error('Clientele cannot start: the configuration is invalid.');
    for (const p of result.problems) console.error(`  - ${p}`);
    process.exit(2);
  }
  cached = result.config;
  return cached;
}
