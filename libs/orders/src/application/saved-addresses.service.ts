import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import {
  AddressInput,
  assertRoomForAddress,
  defaultAfterEdit,
  DeliveryAddress,
  isDefaultOnSave,
  isSameAddress,
  MAX_SAVED_ADDRESSES,
  mergeAddressEdit,
  normalizeAddress,
  OrderError,
} from '../domain';
import { SavedAddressesRepository, SavedAddressRow } from '../infrastructure/saved-addresses.repository';

/** A saved address as its owner sees it: the normalized delivery address, its id and whether it is the default. */
export interface SavedAddressView extends DeliveryAddress {
  id: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

function savedAddressView(row: SavedAddressRow): SavedAddressView {
  return {
    id: row.id,
    ...row.address,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notFound(id: string): OrderError {
  return new OrderError('SAVED_ADDRESS_NOT_FOUND', 'No such saved address', { addressId: id });
}

/**
 * The shopper's address book for the checkout sheet: the same validation as a checkout's delivery address, up to
 * 10 addresses, exactly one default while the book is not empty. Changes to one user's book are serialised.
 */
@Injectable()
export class SavedAddressesService {
  constructor(
    private readonly addresses: SavedAddressesRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async list(userId: string): Promise<SavedAddressView[]> {
    return (await this.addresses.listOf(userId)).map(savedAddressView);
  }

  async add(userId: string, input: AddressInput, makeDefault?: boolean): Promise<SavedAddressView> {
    const address = normalizeAddress(input);
    const row = await this.tx.run(async (em) => {
      await this.addresses.lockBook(em, userId);
      const count = await this.addresses.countOf(em, userId);
      assertRoomForAddress(count);
      const isDefault = isDefaultOnSave(count, makeDefault);
      if (isDefault) await this.addresses.clearDefault(em, userId);
      return this.addresses.insert(em, userId, address, isDefault);
    });
    return savedAddressView(row);
  }

  /** Edits some fields and/or makes the address the default; another user's address is a 404. */
  async edit(
    userId: string,
    id: string,
    edit: AddressInput,
    makeDefault?: boolean,
  ): Promise<SavedAddressView> {
    const row = await this.tx.run(async (em) => {
      await this.addresses.lockBook(em, userId);
      const current = await this.addresses.findOwn(em, userId, id);
      if (!current) throw notFound(id);
      const address = normalizeAddress(mergeAddressEdit(current.address, edit));
      const isDefault = defaultAfterEdit(current.isDefault, makeDefault);
      if (isDefault && !current.isDefault) await this.addresses.clearDefault(em, userId);
      return this.addresses.update(em, id, address, isDefault);
    });
    return savedAddressView(row);
  }

  /** Deletes the address; when it was the default, the newest remaining address becomes the default. */
  async remove(userId: string, id: string): Promise<void> {
    await this.tx.run(async (em) => {
      await this.addresses.lockBook(em, userId);
      const current = await this.addresses.findOwn(em, userId, id);
      if (!current) throw notFound(id);
      await this.addresses.delete(em, id);
      if (current.isDefault) await this.addresses.promoteNewest(em, userId);
    });
  }

  /**
   * "Save this address" at checkout, after the orders are placed: kept unless the book already holds the same
   * address or is full (a full book never fails a purchase). Answers whether it was saved.
   */
  async rememberFromCheckout(userId: string, address: DeliveryAddress): Promise<boolean> {
    return this.tx.run(async (em) => {
      await this.addresses.lockBook(em, userId);
      const book = await this.addresses.listOf(userId, em);
      if (book.length >= MAX_SAVED_ADDRESSES) return false;
      if (book.some((saved) => isSameAddress(saved.address, address))) return false;
      await this.addresses.insert(em, userId, address, isDefaultOnSave(book.length, false));
      return true;
    });
  }
}
