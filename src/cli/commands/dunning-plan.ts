import type { Command } from 'commander';
import { createPlan } from '../../services/dunning-plans.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

/** `clientele dunning-plan add <org> <name>`. */
export function registerDunningPlanCommands(program: Command, deps: CliDeps): void {
  const plan = program.command('dunning-plan').description('Dunning plans (reminder sequences)');
  plan
    .command('add')
    .description('Create a dunning plan')
    .argument('<org>', 'organization slug')
    .argument('<name>', 'plan name, as files will spell it')
    .option(
      '--step <days:positions>',
      'a reminder step: days from due date, then positions (accounting,sales,buyer,finance) or "main"; repeatable, e.g. --step -5:main --step 10:accounting,finance',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--json', 'print the result as JSON')
    .action(async (org: string, name: string, opts: { step: string[]; json?: boolean }) => {
      await withServices(deps, async (ctx) => {
        const actor = await operatorActor(ctx, org);
        if (!actor.ok) failWith(actor.error);
        const steps = opts.step.map(parseStep);
        const r = await createPlan(ctx, actor.value, { name, steps });
        if (!r.ok) failWith(r.error);
        deps.out.write(
          opts.json ? `${JSON.stringify(r.value)}\n` : `Created dunning plan "${r.value.name}" in ${org}.\n`,
        );
      });
    });
}

type PositionName = 'accounting' | 'sales' | 'buyer' | 'finance';

function parseStep(v: string): {
  daysFromDue: number;
  positions: PositionName[];
  includeMainContact: boolean;
} {
  const [days, who = 'main'] = v.split(':');
  const parts = who
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    daysFromDue: Number(days),
    positions: parts.filter((p) => p !== 'main') as PositionName[],
    includeMainContact: parts.includes('main'),
  };
}
