import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, wherever `npm start` was run from. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Local state of `npm start`: Postgres cluster, JetStream store, dev signing key (git-ignored). */
export const DATA_DIR = join(ROOT, '.data');

export const SIGNING_KEY_FILE = join(DATA_DIR, 'dev-signing-key');
