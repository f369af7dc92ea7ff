import { BaseConfig } from '@baton/platform';

export class ReportingConfig extends BaseConfig {}
