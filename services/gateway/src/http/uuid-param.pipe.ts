import { ValidationFailedError } from '@baton/platform';
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** `:id` path parameters are uuids; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value; // the same check as the contracts' @IsUUID()
    const field = metadata.data ?? 'id';
    throw new ValidationFailedError([{ field, message: `${field} must be a UUID` }], `The path parameter ${field} is not valid`);
  }
}
