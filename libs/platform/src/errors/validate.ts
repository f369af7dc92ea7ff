import type { ClassOf, FieldError } from '@baton/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { ValidationFailedError } from './domain-error.js';
import { cacheValidationMetadata } from './validation-cache.js';

// every validation in the process (RPC payloads here, HTTP bodies in the gateway's pipe) shares it
cacheValidationMetadata();

/**
 * Constraints that say the value has the wrong type. When one fails, the others (length, range,
 * format) only add noise: `{ "name": 123 }` is "must be a string", not also "too long".
 */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'nestedValidation', 'whitelistValidation']);

function messagesOf(e: ValidationError): string[] {
  const entries = Object.entries(e.constraints ?? {});
  const typeErrors = entries.filter(([k]) => TYPE_CONSTRAINTS.has(k));
  return (typeErrors.length > 0 ? typeErrors : entries).map(([, m]) => m);
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = messagesOf(e).map((message) => ({
      field,
      message: message.replace(new RegExp(`^${e.property} `), `${field} `),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export const toFieldErrors = (errors: ValidationError[]) => flatten(errors);

/**
 * How Baton validates anything from outside a process (HTTP bodies in the gateway, every NATS
 * message in a service): properties the contract does not declare are refused (no mass
 * assignment), and so are values that are not objects of the contract.
 */
export const StrictValidation = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/**
 * Turns a plain payload into an instance of the contract class and validates it: unknown
 * properties are rejected (no mass assignment), types are strict. Throws ValidationFailedError
 * naming every bad field.
 */
export async function validatePayload<T>(cls: ClassOf<T>, payload: unknown, what = 'request'): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ValidationFailedError([{ field: '', message: `${what} must be a JSON object` }]);
  }
  const instance = plainToInstance(cls as new () => T, payload as object);
  const errors = await validate(instance as object, StrictValidation);
  if (errors.length > 0) throw new ValidationFailedError(flatten(errors), `The ${what} is not valid`);
  return instance;
}
