// Orderly shutdown for the launcher: cleanup steps registered as things start, run in reverse
// (services, then NATS, then Postgres) on Ctrl-C, SIGTERM, SIGHUP or a fatal error.

type Say = (line: string) => void;

export class Shutdown {
  private readonly steps: Array<{ what: string; run: () => Promise<void> }> = [];
  private readonly forceHooks: Array<() => void> = [];
  private running: Promise<never> | undefined;

  constructor(private readonly say: Say) {}

  get inProgress(): boolean {
    return this.running !== undefined;
  }

  /** Registers a step; steps run last-added first. */
  add(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  /** Called on a second Ctrl-C: must act synchronously (e.g. SIGKILL children). */
  onForce(hook: () => void): void {
    this.forceHooks.push(hook);
  }

  /**
   * First signal: orderly stop, exit 0. Another one a second or more later: force (SIGKILL what
   * is left), exit 130. Repeats within that second are ignored: one Ctrl-C reaches us several
   * times, from the terminal and relayed again by npm and tsx.
   */
  installSignalHandlers(): void {
    let firstAt = 0;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (!this.inProgress) {
          firstAt = Date.now();
          this.say(`${signal}: stopping (press Ctrl-C again to kill everything at once)`);
          void this.run(0);
          return;
        }
        if (Date.now() - firstAt < 1000) return;
        this.say(`${signal} again: killing what is left`);
        for (const hook of this.forceHooks) hook();
        process.exit(130);
      });
    }
  }

  /** Runs every step once, whoever asks first; exits the process with `code` afterwards. */
  run(code: number): Promise<never> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (err) {
          this.say(`stopping ${step.what} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      this.say('stopped');
      process.exit(code);
    })();
    return this.running;
  }
}
