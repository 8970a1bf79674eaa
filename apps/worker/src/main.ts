import 'reflect-metadata';
import { createWorkerApp } from './bootstrap';

createWorkerApp()
  .then(() => process.stdout.write('OCOP Live worker started\n'))
  .catch((error: unknown) => {
    process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
