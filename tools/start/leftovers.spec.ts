import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimLauncher } from './leftovers.js';

/** A live process whose command line names `script`, the way a running launcher's does. */
function sleeper(script: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)', script], { stdio: 'ignore' });
}

describe('claimLauncher: one npm start per checkout', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  const pidFile = () => join(dir, 'run', 'launcher.pid');
  const writePid = async (pid: number) => {
    await mkdir(join(dir, 'run'), { recursive: true });
    await writeFile(pidFile(), `${pid}\n`);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-launcher-'));
  });
  afterAll(async () => {
    children.forEach((c) => c.kill('SIGKILL'));
    await rm(dir, { recursive: true, force: true });
  });

  it('records its pid when no launcher ran before', async () => {
    await claimLauncher(dir, 4242);
    expect((await readFile(pidFile(), 'utf8')).trim()).toBe('4242');
  });

  it('refuses while another launcher from the checkout is running, naming its pid, and leaves its pid file', async () => {
    const other = sleeper('tools/start/start.ts');
    children.push(other);
    await writePid(other.pid!);
    await expect(claimLauncher(dir, 4242)).rejects.toThrow(
      `another \`npm start\` is running from this checkout (pid ${other.pid})`,
    );
    expect((await readFile(pidFile(), 'utf8')).trim()).toBe(String(other.pid));
  });

  it('takes over from a launcher that is gone, or a pid now used by something else', async () => {
    const gone = sleeper('tools/start/start.ts');
    await new Promise((resolve) => gone.once('exit', resolve).kill('SIGKILL'));
    await writePid(gone.pid!);
    await claimLauncher(dir, 4242);
    expect((await readFile(pidFile(), 'utf8')).trim()).toBe('4242');

    const unrelated = sleeper('something-else.js');
    children.push(unrelated);
    await writePid(unrelated.pid!);
    await claimLauncher(dir, 4243);
    expect((await readFile(pidFile(), 'utf8')).trim()).toBe('4243');
  });
});
