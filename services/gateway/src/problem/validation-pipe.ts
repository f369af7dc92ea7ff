import { StrictValidation, toFieldErrors, ValidationFailedError } from '@baton/platform';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

const NOT_AN_OBJECT = 'the request body must be a JSON object';

/**
 * A JSON body that is not an object (an array, a string, a number, null) where a DTO is
 * expected: one error saying so, rather than class-validator's errors about the array's indexes
 * or the DTO's fields it cannot find.
 */
class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      value !== undefined &&
      (value === null || typeof value !== 'object' || Array.isArray(value)) &&
      this.toValidate(metadata)
    ) {
      throw new ValidationFailedError(
        [{ field: '', message: NOT_AN_OBJECT }],
        'The request body must be a JSON object',
      );
    }
    return super.transform(value, metadata);
  }
}

/**
 * Bodies, query strings (and their DTO classes from contracts) are validated strictly: unknown
 * properties are refused (no mass assignment), types are not guessed (the contracts' own
 * transforms turn `limit=20` into a number), and a failure names every field: 400 VALIDATION_FAILED.
 */
export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    ...StrictValidation,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = toFieldErrors(errors);
      return new ValidationFailedError(
        fields.length ? fields : [{ field: '', message: 'the request must be a JSON object' }],
        'The request is not valid',
      );
    },
  });
}
