// `npm start [-- --demo] [-- --port N]`: the whole Baton platform on this machine.
//
// Builds what is stale, brings up Postgres and NATS (or uses DATABASE_URL / NATS_URL), starts
// the seven services under a supervisor that restarts crashed ones, waits until the gateway
// reports every service up, and prints where the API is with a dev token. Ctrl-C stops all of
// it, services first. Data lives in .data/ across runs.
import { build } from '../build.mjs';
import { USAGE, parseStartArgs } from './args.js';
import { useColour } from './logs.js';
import { createOutput } from './output.js';
import { claimLauncher } from './leftovers.js';
import { DATA_DIR, ROOT } from './paths.js';
import { runPlatform } from './platform.js';
import { Shutdown } from './shutdown.js';

const READY_TIMEOUT_MS = 60_000;

const out = createOutput(useColour());
const shutdown = new Shutdown(out.say);

async function main(): Promise<void> {
  warnOnOldNode();
  const options = parseOrExplain(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  await claimLauncher(DATA_DIR);
  shutdown.installSignalHandlers();
  await buildStale();
  await runPlatform({
    root: ROOT,
    dataDir: DATA_DIR,
    ...options,
    readyTimeoutMs: READY_TIMEOUT_MS,
    out,
    shutdown,
  });
}

function parseOrExplain(argv: string[]) {
  try {
    return parseStartArgs(argv);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`, { cause: err });
  }
}

/** tools/build.mjs compiles (SWC) only the files newer than their output in dist/. */
async function buildStale(): Promise<void> {
  const started = Date.now();
  const { compiled, total } = await build({ quiet: true });
  out.say(`build: ${compiled} of ${total} files compiled in ${Date.now() - started} ms`);
}

function warnOnOldNode(): void {
  if (Number(process.versions.node.split('.')[0]) < 22) {
    out.say(
      `warning: this is Node ${process.versions.node}; Baton targets Node 22 ` +
        '(`npm start` normally runs on the node@22 dev dependency)',
    );
  }
}

main().catch((err: unknown) => {
  out.say(`error: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown.run(1);
});
