import { StrictValidation, toFieldErrors, ValidationFailedError } from '@baton/platform';
import { ValidationPipe } from '@nestjs/common';

/**
 * Bodies, query strings (and their DTO classes from contracts) are validated strictly: unknown
 * properties are refused (no mass assignment), types are not guessed (the contracts' own
 * transforms turn `limit=20` into a number), and a failure names every field: 400 VALIDATION_FAILED.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
