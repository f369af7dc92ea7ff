import { describe, expect, it } from '@jest/globals';
import { BaseConfig } from './base-config.js';
import { ConfigError, loadConfig } from './load-config.js';

const valid = { DATABASE_URL: 'postgres://u:secret@db:5432/baton', NATS_URL: 'nats://nats:4222' };

describe('loadConfig', () => {
  it('coerces types and applies defaults', () => {
    const c = loadConfig(BaseConfig, { ...valid, RPC_TIMEOUT_MS: '750', MIGRATE_ON_START: 'true' });
    expect(c.RPC_TIMEOUT_MS).toBe(750);
    expect(c.MIGRATE_ON_START).toBe(true);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.SUBJECT_PREFIX).toBe('');
  });

  it('names a missing variable', () => {
    expect(() => loadConfig(BaseConfig, { NATS_URL: valid.NATS_URL })).toThrow(/DATABASE_URL is required/);
  });

  it('names a malformed variable without echoing its value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(BaseConfig, { ...valid, DATABASE_URL: 'mysql://u:hunter2@db/x', RPC_TIMEOUT_MS: 'soon' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(error!.message).toMatch(/RPC_TIMEOUT_MS/);
    expect(error!.message).not.toContain('hunter2');
    expect(error!.message.split('\n')).toHaveLength(1);
  });

  it('ignores variables the class does not declare', () => {
    const c = loadConfig(BaseConfig, { ...valid, PATH: '/bin' }) as unknown as Record<string, unknown>;
    expect(c.PATH).toBeUndefined();
  });
});
