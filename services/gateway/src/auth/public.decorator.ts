import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('IS_PUBLIC');

/** The handler (or controller) answers without credentials: health, docs, dev tokens. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
