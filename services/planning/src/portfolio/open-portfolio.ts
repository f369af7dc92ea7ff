import type { RpcContext, Tx } from '@baton/platform';
import { ConflictError, ValidationFailedError } from '@baton/platform';
import type { PortfolioRepository } from './portfolio.repository.js';

/**
 * The portfolio a project or programme is put in: it must exist in the caller's tenant (another
 * tenant's is unknown, a 400 naming `portfolioId`) and not be archived (409).
 */
export async function requireOpenPortfolio(
  portfolios: PortfolioRepository,
  tx: Tx,
  ctx: RpcContext,
  portfolioId: string,
): Promise<void> {
  const portfolio = await portfolios.find(ctx.tenantId, portfolioId, tx.manager);
  if (!portfolio) {
    throw new ValidationFailedError([
      { field: 'portfolioId', message: `portfolio ${portfolioId} does not exist` },
    ]);
  }
  if (portfolio.archivedAt)
    throw new ConflictError(`portfolio ${portfolioId} is archived`, {
      errors: [{ field: 'portfolioId', message: 'the portfolio is archived' }],
    });
}
