import { describe, expect, it } from '@jest/globals';
import { filterFor } from './event-handler.decorator.js';

describe('filterFor (one JetStream filter subject covering a handler’s events)', () => {
  it('keeps a single subject as it is', () => {
    expect(filterFor(['baton.v1.events.planning.project.created'])).toBe('baton.v1.events.planning.project.created');
  });

  it('uses * when the subjects differ only in the last token', () => {
    expect(
      filterFor(['baton.v1.events.planning.project.created', 'baton.v1.events.planning.project.archived']),
    ).toBe('baton.v1.events.planning.project.*');
  });

  it('uses > when they differ earlier', () => {
    expect(
      filterFor(['baton.v1.events.planning.project.created', 'baton.v1.events.resources.time-entry.approved']),
    ).toBe('baton.v1.events.>');
  });
});
