import { Injectable, type PipeTransform } from '@nestjs/common';

/** A POST whose body is optional (approve): no body is the same as `{}`, then validated as usual. */
@Injectable()
export class OptionalBodyPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown): unknown {
    return value === undefined || value === null || value === '' ? {} : value;
  }
}
