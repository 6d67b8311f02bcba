import type { Command } from 'commander';
import type { CliDeps } from '../context.ts';

/** `clientele db stop`: stops the embedded PostgreSQL, which otherwise keeps running between commands. */
export function registerDbCommands(program: Command, deps: CliDeps): void {
  const db = program.command('db').description('The embedded database');
  db.command('stop')
    .description('Stop the embedded PostgreSQL server (it restarts on next need)')
    .action(async () => {
      const stopped = await deps.stopDatabase();
      deps.out.write(stopped ? 'Embedded PostgreSQL stopped.\n' : 'Embedded PostgreSQL was not running.\n');
    });
}
