// TEMPORARY test harness (deleted after testing): start.ts with a fake services root.
import { parseStartArgs } from './args.js';
import { useColour } from './logs.js';
import { createOutput } from './output.js';
import { DATA_DIR } from './paths.js';
import { runPlatform } from './platform.js';
import { Shutdown } from './shutdown.js';
const out = createOutput(useColour());
const shutdown = new Shutdown(out.say);
shutdown.installSignalHandlers();
const options = parseStartArgs(process.argv.slice(2));
runPlatform({
  root: '/tmp/fakeroot',
  dataDir: process.env.HARNESS_DATA ?? DATA_DIR,
  ...options,
  readyTimeoutMs: Number(process.env.HARNESS_TIMEOUT ?? 60000),
  out,
  shutdown,
}).catch((err: unknown) => {
  out.say(`error: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown.run(1);
});
