import { ErrorCode, PlanningRpc } from '@baton/contracts';
import { DomainError, RpcClient, RpcError, ValidationFailedError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';

/**
 * Projects belong to planning: an assignment's project is checked there, over NATS, in the
 * caller's tenant (another tenant's project is as unknown as a made-up id). Planning being down
 * is a 503 for the caller, not a silent acceptance.
 */
@Injectable()
export class ProjectDirectory {
  constructor(private readonly rpc: RpcClient) {}

  async requireProject(ctx: RpcContext, projectId: string, field = 'projectId'): Promise<void> {
    try {
      const project = await this.rpc.send(
        PlanningRpc.projectGet,
        { id: projectId },
        { tenantId: ctx.tenantId, actor: ctx.actor },
      );
      if (project.archived)
        throw new ValidationFailedError([{ field, message: `project ${projectId} is archived` }]);
    } catch (err) {
      if (err instanceof RpcError) {
        if (err.code === ErrorCode.NotFound) {
          throw new ValidationFailedError([{ field, message: `project ${projectId} does not exist` }]);
        }
        throw new DomainError(err.code, `planning could not confirm project ${projectId}: ${err.message}`);
      }
      throw err;
    }
  }
}
