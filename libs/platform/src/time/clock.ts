import { Injectable } from '@nestjs/common';

/** The time, behind a class so tests can pin it. Millisecond precision matches the columns. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
