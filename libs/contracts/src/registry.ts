import type { EventContract, RpcContract } from './contract.js';
import { PlanningEvents, PlanningRpc } from './planning/index.js';
import { ReportingRpc } from './reporting/index.js';
import { healthContract, ServiceNames } from './services.js';

/** Every request/reply contract, by the service that answers it. */
export const RpcContractsByService: Record<string, Record<string, RpcContract<unknown, unknown>>> = {
  ...Object.fromEntries(ServiceNames.map((s) => [s, { health: healthContract(s) }])),
  planning: { health: healthContract('planning'), ...PlanningRpc },
  reporting: { health: healthContract('reporting'), ...ReportingRpc },
};

/** Every domain event, by the service that publishes it. */
export const EventContractsByService: Record<string, Record<string, EventContract<unknown>>> = {
  planning: PlanningEvents,
};
