import { describe, expect, it } from '@jest/globals';
import { checkWebhookUrl, isForbiddenAddress, TargetRefused } from './ssrf.js';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fc00::abcd',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::10.0.0.1',
  ])('refuses %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );

  it('refuses what is not an IP address', () => {
    expect(isForbiddenAddress('example.com')).toBe(true);
  });
});

describe('checkWebhookUrl', () => {
  it('refuses loopback, private and metadata literals, and localhost by name', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.0.0.5/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://localhost/x',
    ]) {
      await expect(checkWebhookUrl(url, false)).rejects.toBeInstanceOf(TargetRefused);
    }
  });

  it('accepts a public literal and private targets when allowed', async () => {
    await expect(checkWebhookUrl('https://8.8.8.8/hook', false)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).resolves.toBeInstanceOf(URL);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    await expect(checkWebhookUrl('ftp://8.8.8.8/x', false)).rejects.toThrow('https');
    await expect(checkWebhookUrl('https://user:pw@8.8.8.8/x', false)).rejects.toThrow('credentials');
    await expect(checkWebhookUrl('not a url', false)).rejects.toThrow('absolute');
  });
});
