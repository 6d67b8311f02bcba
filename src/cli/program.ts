import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from './commands/audit.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDunningPlanCommands } from './commands/dunning-plan.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerFeatureCommands } from './commands/feature.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerMemberCommands } from './commands/member.ts';
import { registerOrgCommands } from './commands/org.ts';
import { registerRevertCommand } from './commands/revert.ts';
import { registerSettingsCommand } from './commands/settings.ts';
import { registerStartCommand, registerWorkerCommand } from './commands/start.ts';
import { registerTemplateCommand } from './commands/template.ts';
import { type CliDeps, CliFailure } from './context.ts';

/** The `clientele` command line. */
export function buildProgram(deps: CliDeps): Command {
  const program = new Command('clientele')
    .description('Clientele: the customer and contact directory for accounts-receivable teams.')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => deps.out.write(s),
      writeErr: (s) => deps.err.write(s),
    });
  registerStartCommand(program, deps);
  registerWorkerCommand(program, deps);
  registerOrgCommands(program, deps);
  registerMemberCommands(program, deps);
  registerDunningPlanCommands(program, deps);
  registerImportCommand(program, deps);
  registerExportCommand(program, deps);
  registerTemplateCommand(program, deps);
  registerRevertCommand(program, deps);
  registerSettingsCommand(program, deps);
  registerFeatureCommands(program, deps);
  registerAuditCommand(program, deps);
  registerDbCommands(program, deps);
  return program;
}

/** Runs the program on argv; returns the exit code instead of exiting, so tests can drive it in-process. */
export async function runProgram(deps: CliDeps, argv: string[]): Promise<number> {
  const program = buildProgram(deps);
  const override = (c: Command): void => {
    c.exitOverride();
    for (const sub of c.commands) override(sub);
  };
  override(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliFailure) {
      deps.err.write(`clientele: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
