import { BaseConfig } from '@baton/platform';

/** Resources needs nothing beyond the platform's variables yet. */
export class ResourcesConfig extends BaseConfig {}
