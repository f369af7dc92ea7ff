import { CommaList, ListProgrammesRequest, type ProgrammeResponse } from '@baton/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';

/** the members of a programme a sparse fieldset may name (`id` is always there) */
export const ProgrammeFields = [
  'portfolioId',
  'name',
  'code',
  'description',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'archivedAt',
] as const satisfies readonly (keyof ProgrammeResponse)[];

/** planning's list query plus `fields`, which the gateway applies to the answer (planning never sees it) */
export class ListProgrammesQuery extends ListProgrammesRequest {
  @ApiPropertyOptional({
    type: String,
    description: `sparse fieldset, comma-separated: ${ProgrammeFields.join(', ')} (id always)`,
    example: 'name,portfolioId',
  })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ProgrammeFields.length + 1)
  @IsIn(['id', ...ProgrammeFields], { each: true }) // id is always there; naming it is no error
  fields?: string[];
}
