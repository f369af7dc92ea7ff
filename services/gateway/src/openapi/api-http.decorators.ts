import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';

export const ETagHeader = {
  ETag: {
    description: "the object's version, for If-Match / If-None-Match",
    schema: { type: 'string', example: '"3"' },
  },
};

export const LocationHeader = {
  Location: { description: 'the URL of the new object', schema: { type: 'string' } },
};

export const LinkHeader = {
  Link: { description: '`<url>; rel="next"` when there is a next page', schema: { type: 'string' } },
};

export const ApiIdParam = (what: string) =>
  ApiParam({ name: 'id', description: `the ${what} id`, schema: { type: 'string', format: 'uuid' } });

/** the `projectId` path parameter of the routes under `/projects/{projectId}/…` */
export const ApiProjectIdParam = () =>
  ApiParam({ name: 'projectId', description: 'the project id', schema: { type: 'string', format: 'uuid' } });

export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'the ETag last seen (`"3"` or `W/"3"`): the change applies only to that version (else 412); `*` or absent: unconditional',
  });

export const ApiIfNoneMatch = () =>
  ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'the ETag last seen: 304 when the object is unchanged',
  });

export const ApiGetById = (what: string) => applyDecorators(ApiIdParam(what), ApiIfNoneMatch());

/** 200 with `type` and its ETag, or 304 when If-None-Match names the current version (`sendVersioned`) */
export const ApiVersionedOk = (type: Type<unknown>) =>
  applyDecorators(
    ApiOkResponse({ type, headers: ETagHeader }),
    ApiNotModifiedResponse({ description: 'unchanged since the ETag in If-None-Match' }),
  );
