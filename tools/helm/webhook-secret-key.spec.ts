import { describe, expect, it } from '@jest/globals';
import { ensureHelm } from './helm-binary.js';
import { render, type Manifest } from './render.js';

/** gateway.webhooks.secretKeySecret → WEBHOOK_SECRET_KEY on the gateway only, from the Secret */
describe('chart: the webhook secret encryption key', () => {
  const envOf = (manifests: Manifest[], name: string) => {
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name)!;
    return (deployment.spec.template.spec.containers[0].env ?? []) as Array<{
      name: string;
      valueFrom?: { secretKeyRef?: { name: string; key: string } };
    }>;
  };

  it('passes WEBHOOK_SECRET_KEY to the gateway from the named Secret, and nothing when unset', () => {
    ensureHelm(4);
    const withKey = render(4, { set: ['gateway.webhooks.secretKeySecret=baton-webhook-key'] });
    expect(envOf(withKey, 'baton-gateway').find((e) => e.name === 'WEBHOOK_SECRET_KEY')).toEqual({
      name: 'WEBHOOK_SECRET_KEY',
      valueFrom: { secretKeyRef: { name: 'baton-webhook-key', key: 'key' } },
    });
    expect(envOf(withKey, 'baton-planning').some((e) => e.name === 'WEBHOOK_SECRET_KEY')).toBe(false);
    const without = render(4);
    expect(envOf(without, 'baton-gateway').some((e) => e.name === 'WEBHOOK_SECRET_KEY')).toBe(false);
  });
});
