import { BaseConfig } from '@baton/platform';

/** Budget needs nothing beyond the platform's variables yet. */
export class BudgetConfig extends BaseConfig {}
