import type { Writable } from 'node:stream';
import { translate } from '../domain/messages/index.ts';
import type { CodedError } from '../domain/result.ts';
import type { ServiceContext } from '../services/context.ts';

/** What commands get from main/: lazily opened services and the ability to start the server. */
export interface CliDeps {
  openServices(): Promise<{ ctx: ServiceContext; close: () => Promise<void> }>;
  startServer(port?: number): Promise<void>;
  startWorker(): Promise<void>;
  stopDatabase(): Promise<boolean>;
  out: Writable;
  err: Writable;
}

/** A failure that ends the command with one clear line and a non-zero exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Turns a coded error into a CLI failure with its English message. */
export function failWith(error: CodedError): never {
  throw new CliFailure(`${translate(error.code, 'en', error.params)} [${error.code}]`);
}

/** Runs a command body with services open, closing them afterwards whatever happens. */
export async function withServices<T>(deps: CliDeps, body: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const services = await deps.openServices();
  try {
    return await body(services.ctx);
  } finally {
    await services.close();
  }
}
