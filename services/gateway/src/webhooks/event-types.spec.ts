import { describe, expect, it } from '@jest/globals';
import { isValidSubscription, subscriptionMatches, WebhookEventTypes } from './event-types.js';
import { signWebhook } from './signature.js';

describe('webhook event types', () => {
  it('come from the contracts registry, named without the baton.v1.events prefix', () => {
    expect(WebhookEventTypes).toEqual(
      expect.arrayContaining(['planning.project.created', 'planning.portfolio.archived']),
    );
  });

  it('accept exact types, prefix wildcards and *, and refuse unknown ones', () => {
    expect(isValidSubscription('planning.project.created')).toBe(true);
    expect(isValidSubscription('planning.project.*')).toBe(true);
    expect(isValidSubscription('*')).toBe(true);
    expect(isValidSubscription('planning.nothing.*')).toBe(false);
    expect(isValidSubscription('planning.project.exploded')).toBe(false);
  });

  it('match events by type or wildcard', () => {
    expect(subscriptionMatches(['planning.project.*'], 'planning.project.updated')).toBe(true);
    expect(subscriptionMatches(['planning.portfolio.created'], 'planning.project.created')).toBe(false);
    expect(subscriptionMatches(['*'], 'anything.at.all')).toBe(true);
  });
});

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference example', () => {
    // from the spec's reference implementations (standard-webhooks, "test_sign")
    const sig = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});
