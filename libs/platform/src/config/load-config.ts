import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import type { BaseConfig } from './base-config.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type ConfigClass<T> = new () => T;

/** property names declared (with validators) on the config class and its parents */
function declaredKeys(cls: ConfigClass<unknown>): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

function describe(error: ValidationError, env: Record<string, string | undefined>): string {
  const name = error.property;
  if (env[name] === undefined || env[name] === '') return `${name} is required`;
  const reasons = Object.values(error.constraints ?? {}).map((m) => m.replace(new RegExp(`^${name} `), ''));
  return `${name} ${reasons[0] ?? 'is invalid'}`;
}

/**
 * Reads the declared variables from `env` (default: process.env), coerces their types and
 * validates them. Throws ConfigError naming every bad variable; values are never echoed, so a
 * secret in a malformed URL cannot leak into logs.
 */
export function loadConfig<T extends BaseConfig>(
  cls: ConfigClass<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const picked: Record<string, string> = {};
  for (const key of declaredKeys(cls)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(cls, picked);
  const errors = validateSync(config as object, { forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.map((e) => describe(e, env)));
  return config;
}

/** What `loadConfig` would refuse in `env`: one line per problem, naming its variable; [] when none. */
export function configProblems<T extends BaseConfig>(
  cls: ConfigClass<T>,
  env: Record<string, string | undefined>,
): string[] {
  try {
    loadConfig(cls, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

/** For main.ts: load the config or stop the process with one clear line. */
export function loadConfigOrExit<T extends BaseConfig>(cls: ConfigClass<T>, service: string): T {
  try {
    return loadConfig(cls);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
