import { describe, expect, it } from '@jest/globals';
import { ensureHelm } from './helm-binary.js';
import { render, runHelm, templateArgs, type Manifest } from './render.js';

/**
 * gateway.webhooks.secretKeySecret → WEBHOOK_SECRET_KEY and gateway.webhooks.previousKeysSecret →
 * WEBHOOK_SECRET_KEYS_PREVIOUS (key rotation), on the gateway only, from the Secrets
 */
describe('chart: the webhook secret encryption keys', () => {
  const envOf = (manifests: Manifest[], name: string) => {
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name)!;
    return (deployment.spec.template.spec.containers[0].env ?? []) as Array<{
      name: string;
      valueFrom?: { secretKeyRef?: { name: string; key: string } };
    }>;
  };
  const named = (manifests: Manifest[], deployment: string, variable: string) =>
    envOf(manifests, deployment).filter((e) => e.name === variable);

  it('passes WEBHOOK_SECRET_KEY to the gateway from the named Secret, and nothing when unset', () => {
    ensureHelm(4);
    const withKey = render(4, { set: ['gateway.webhooks.secretKeySecret=baton-webhook-key'] });
    expect(envOf(withKey, 'baton-gateway').find((e) => e.name === 'WEBHOOK_SECRET_KEY')).toEqual({
      name: 'WEBHOOK_SECRET_KEY',
      valueFrom: { secretKeyRef: { name: 'baton-webhook-key', key: 'key' } },
    });
    expect(envOf(withKey, 'baton-planning').some((e) => e.name === 'WEBHOOK_SECRET_KEY')).toBe(false);
    expect(named(withKey, 'baton-gateway', 'WEBHOOK_SECRET_KEYS_PREVIOUS')).toEqual([]);
    const without = render(4);
    expect(envOf(without, 'baton-gateway').some((e) => e.name === 'WEBHOOK_SECRET_KEY')).toBe(false);
    expect(named(without, 'baton-gateway', 'WEBHOOK_SECRET_KEYS_PREVIOUS')).toEqual([]);
  });

  it('passes WEBHOOK_SECRET_KEYS_PREVIOUS to the gateway from the named Secret (key previous-keys, or the one named)', () => {
    ensureHelm(4);
    const rotating = render(4, {
      set: [
        'gateway.webhooks.secretKeySecret=baton-webhook-key',
        'gateway.webhooks.previousKeysSecret=baton-webhook-key',
      ],
    });
    expect(named(rotating, 'baton-gateway', 'WEBHOOK_SECRET_KEYS_PREVIOUS')).toEqual([
      {
        name: 'WEBHOOK_SECRET_KEYS_PREVIOUS',
        valueFrom: { secretKeyRef: { name: 'baton-webhook-key', key: 'previous-keys' } },
      },
    ]);
    expect(named(rotating, 'baton-gateway', 'WEBHOOK_SECRET_KEY')).toHaveLength(1);
    for (const service of ['baton-planning', 'baton-reporting']) {
      expect(named(rotating, service, 'WEBHOOK_SECRET_KEYS_PREVIOUS')).toEqual([]);
    }
    const ownSecret = render(4, {
      set: [
        'gateway.webhooks.secretKeySecret=baton-webhook-key',
        'gateway.webhooks.previousKeysSecret=baton-webhook-old-keys',
        'gateway.webhooks.previousKeysKey=keys',
      ],
    });
    expect(named(ownSecret, 'baton-gateway', 'WEBHOOK_SECRET_KEYS_PREVIOUS')[0]!.valueFrom).toEqual({
      secretKeyRef: { name: 'baton-webhook-old-keys', key: 'keys' },
    });
  });

  it('refuses previous keys without a current key, naming both values', () => {
    const r = runHelm(4, templateArgs({ set: ['gateway.webhooks.previousKeysSecret=baton-webhook-key'] }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /gateway\.webhooks\.previousKeysSecret needs gateway\.webhooks\.secretKeySecret/,
    );
    const empty = runHelm(4, templateArgs({ set: ['gateway.webhooks.previousKeysKey='] }));
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toMatch(/previousKeysKey/);
  });
});
