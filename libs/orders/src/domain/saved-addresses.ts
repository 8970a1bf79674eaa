import type { AddressInput, DeliveryAddress } from './address';
import { OrderError } from './order.errors';

/** The most addresses one shopper keeps in their address book. */
export const MAX_SAVED_ADDRESSES = 10;

/** Room for one more address in a book that holds `count`; SAVED_ADDRESS_LIMIT_REACHED (409) when full. */
export function assertRoomForAddress(count: number): void {
  if (count >= MAX_SAVED_ADDRESSES) {
    throw new OrderError(
      'SAVED_ADDRESS_LIMIT_REACHED',
      `You can keep at most ${MAX_SAVED_ADDRESSES} addresses; delete one first`,
      { limit: MAX_SAVED_ADDRESSES },
    );
  }
}

/**
 * Whether a newly saved address is the default: the first one of a book always is (a non-empty book has exactly
 * one default, which the checkout sheet preselects); later ones only when asked.
 */
export function isDefaultOnSave(countBefore: number, requested: boolean | undefined): boolean {
  return countBefore === 0 || requested === true;
}

/**
 * An edit of the default flag. Making an address the default takes the flag from the previous one; the default
 * cannot be switched off by itself (DEFAULT_ADDRESS_REQUIRED, 409): another address is made the default instead.
 */
export function defaultAfterEdit(isDefaultNow: boolean, requested: boolean | undefined): boolean {
  if (requested === undefined) return isDefaultNow;
  if (isDefaultNow && !requested) {
    throw new OrderError(
      'DEFAULT_ADDRESS_REQUIRED',
      'One address stays the default: make another address the default instead',
    );
  }
  return requested;
}

/** The edited address as a whole: fields the edit leaves out keep their stored value, and all is validated again. */
export function mergeAddressEdit(stored: DeliveryAddress, edit: AddressInput): AddressInput {
  return {
    recipientName: edit.recipientName ?? stored.recipientName,
    phone: edit.phone ?? stored.phone,
    province: edit.province ?? stored.provinceCode,
    ward: edit.ward ?? stored.ward,
    street: edit.street ?? stored.street,
  };
}

/** Two normalized addresses that reach the same person at the same place (letter case aside). */
export function isSameAddress(a: DeliveryAddress, b: DeliveryAddress): boolean {
  const same = (x: string, y: string) => x.toLocaleLowerCase('vi') === y.toLocaleLowerCase('vi');
  return (
    a.phone === b.phone &&
    a.provinceCode === b.provinceCode &&
    same(a.recipientName, b.recipientName) &&
    same(a.ward, b.ward) &&
    same(a.street, b.street)
  );
}
