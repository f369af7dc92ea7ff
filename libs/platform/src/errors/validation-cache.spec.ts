import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, registerDecorator, validate, ValidateNested } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-cache.js';

cacheValidationMetadata();

class Leaf {
  @IsInt() n: number;
}
class Base {
  @IsString() name: string;
}
class Child extends Base {
  @ValidateNested() @Type(() => Leaf) leaf: Leaf;
}

const failures = async (cls: new () => object, plain: object) =>
  (await validate(plainToInstance(cls, plain))).map((e) => [
    e.property,
    Object.keys(e.constraints ?? {}),
    e.children?.length ?? 0,
  ]);

describe('cacheValidationMetadata', () => {
  it('validates as class-validator does: own, inherited and nested constraints, again and again', async () => {
    for (let round = 0; round < 3; round++) {
      expect(await failures(Child, { name: 1, leaf: { n: 'x' } })).toEqual([
        ['leaf', [], 1], // own properties first, then inherited ones (class-validator's order)
        ['name', ['isString'], 0],
      ]);
      expect(await failures(Child, { name: 'ok', leaf: { n: 2 } })).toEqual([]);
    }
  });

  it('sees constraints added after a class was first validated', async () => {
    class Late {
      @IsString() a: string;
    }
    expect(await failures(Late, { a: 'x', b: 'not a number' })).toEqual([]);
    registerDecorator({
      target: Late,
      propertyName: 'b',
      name: 'isPositiveNumber',
      validator: { validate: (v: unknown) => typeof v === 'number' && v > 0 },
    });
    expect(await failures(Late, { a: 'x', b: 'not a number' })).toEqual([['b', ['isPositiveNumber'], 0]]);
  });

  it('can be installed twice without wrapping twice', async () => {
    cacheValidationMetadata();
    expect(await failures(Child, { name: 'ok', leaf: { n: 'x' } })).toEqual([['leaf', [], 1]]);
  });
});
