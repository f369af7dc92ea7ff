// Everything the launcher prints goes through here, so that every line carries a name column:
//   start     | Postgres started, NATS started (pid 4242)
//   planning  | INFO  project created projectId=…
import { formatLogLine, prefix } from './logs.js';
import { SERVICES } from './services.js';

export interface Output {
  /** A line from the launcher itself. */
  say(line: string): void;
  /** A line a service printed (pino JSON is formatted, anything else passes through). */
  serviceLine(service: string, line: string, stream: 'stdout' | 'stderr'): void;
  /** The supervisor speaking about a service (started, exited, restarting). */
  notice(service: string, message: string): void;
  colour: boolean;
}

export function createOutput(colour: boolean): Output {
  const width = Math.max(...SERVICES.map((s) => s.length));
  const label = (name: string) => {
    const index = SERVICES.indexOf(name as (typeof SERVICES)[number]);
    return prefix(name, width, index < 0 ? SERVICES.length : index, colour);
  };
  return {
    colour,
    say: (line) => console.log(`${label('start')}${line}`),
    notice: (service, message) => console.log(`${label(service)}${message}`),
    serviceLine: (service, line, stream) => {
      const out = stream === 'stdout' ? process.stdout : process.stderr;
      for (const formatted of formatLogLine(line, service, colour))
        out.write(`${label(service)}${formatted}\n`);
    },
  };
}
