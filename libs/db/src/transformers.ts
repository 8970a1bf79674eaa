import { ValueTransformer } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';

/** `bigint` money columns come back from pg as strings; VND amounts are safe integers in JavaScript. */
export const vndColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => parseVndColumn(value),
};

/** `bigint` counters (never beyond 2^53 in practice). */
export const bigintColumn = vndColumn;
