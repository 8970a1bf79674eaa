import { randomInt } from 'node:crypto';

/**
 * An order's short code, read out on the phone: 8 characters of an alphabet without the look-alikes 0/O and 1/I
 * (32 symbols, 40 bits: a collision among a million orders is about one in two million per new order; the unique
 * index catches it and the checkout draws again).
 */
export const ORDER_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const ORDER_CODE_LENGTH = 8;
export const ORDER_CODE_RE = /^[2-9A-HJ-NP-Z]{8}$/;

export function newOrderCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < ORDER_CODE_LENGTH; i++) code += ORDER_CODE_ALPHABET[random(ORDER_CODE_ALPHABET.length)];
  return code;
}

/** A code as a person types it: trimmed, upper-cased, spaces and dashes dropped; O read as 0 is not guessed. */
export function normalizeOrderCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}
