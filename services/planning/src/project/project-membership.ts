import type { RpcContext, Tx } from '@baton/platform';
import { ConflictError, UnprocessableError, ValidationFailedError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { requireOpenPortfolio } from '../portfolio/open-portfolio.js';
import { PortfolioRepository } from '../portfolio/portfolio.repository.js';
import { ProgrammeRepository } from '../programme/programme.repository.js';

/** where a project sits: portfolio → programme → project */
export interface Membership {
  portfolioId: string | null;
  programmeId: string | null;
}

/**
 * The portfolio and programme a project ends up in after a create or a change. A project in a
 * programme is in the programme's portfolio: with no portfolio (none given, none before) it takes
 * the programme's; any other portfolioId is a 422 naming `portfolioId`. An unknown programme
 * (another tenant's too) is a 400 naming `programmeId`, exactly like an unknown portfolio; an
 * archived programme or portfolio takes no new projects (409). The database holds the same rule
 * (project_programme_fk on (tenant_id, programme_id, portfolio_id)).
 */
@Injectable()
export class ProjectMembership {
  constructor(
    private readonly portfolios: PortfolioRepository,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async resolve(
    tx: Tx,
    ctx: RpcContext,
    current: Membership,
    changes: { portfolioId?: string | null; programmeId?: string | null },
  ): Promise<Membership> {
    const next: Membership = {
      portfolioId: changes.portfolioId !== undefined ? changes.portfolioId : current.portfolioId,
      programmeId: changes.programmeId !== undefined ? changes.programmeId : current.programmeId,
    };
    const programmeChanged = next.programmeId !== current.programmeId;
    if (next.programmeId && (programmeChanged || next.portfolioId !== current.portfolioId)) {
      // share-locked: a concurrent move of the programme waits for this project, then sees it
      const programme = await this.programmes.findLocked(tx.manager, ctx.tenantId, next.programmeId, 'share');
      if (!programme) {
        throw new ValidationFailedError([
          { field: 'programmeId', message: `programme ${next.programmeId} does not exist` },
        ]);
      }
      if (programmeChanged && programme.archivedAt) {
        throw new ConflictError(`programme ${programme.id} is archived`, {
          errors: [{ field: 'programmeId', message: 'the programme is archived' }],
        });
      }
      if (next.portfolioId === null && changes.portfolioId === undefined)
        next.portfolioId = programme.portfolioId;
      if (next.portfolioId !== programme.portfolioId) {
        throw new UnprocessableError([
          {
            field: 'portfolioId',
            message:
              `programme ${programme.id} is in portfolio ${programme.portfolioId}: the project's portfolioId ` +
              `(${next.portfolioId ?? 'none'}) must be the same`,
          },
        ]);
      }
    }
    if (next.portfolioId && next.portfolioId !== current.portfolioId) {
      await requireOpenPortfolio(this.portfolios, tx, ctx, next.portfolioId);
    }
    return next;
  }
}
