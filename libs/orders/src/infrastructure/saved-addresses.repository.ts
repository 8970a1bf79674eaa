import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { findProvince } from '@ocop/kernel';
import type { DeliveryAddress } from '../domain';

export interface SavedAddressRow {
  id: string;
  userId: string;
  address: DeliveryAddress;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface RawSavedAddress {
  id: string;
  user_id: string;
  recipient_name: string;
  phone: string;
  province_code: string;
  ward: string;
  street: string;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

type Db = Pick<EntityManager, 'query'>;

const COLUMNS = `id, user_id, recipient_name, phone, province_code, ward, street, is_default, created_at, updated_at`;

/** pg answers an UPDATE ... RETURNING through TypeORM as [rows, count]; a SELECT or INSERT as rows. */
function returned<T>(result: unknown): T[] {
  const list = result as unknown[];
  if (list.length === 2 && Array.isArray(list[0]) && typeof list[1] === 'number') return list[0] as T[];
  return list as T[];
}

function toRow(raw: RawSavedAddress): SavedAddressRow {
  return {
    id: raw.id,
    userId: raw.user_id,
    address: {
      recipientName: raw.recipient_name,
      phone: raw.phone,
      provinceCode: raw.province_code,
      // Stored by code; the name is the current official one.
      provinceName: findProvince(raw.province_code)?.name ?? raw.province_code,
      ward: raw.ward,
      street: raw.street,
    },
    isDefault: raw.is_default,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

/** A shopper's address book: normalized addresses, at most one default per user (a partial unique index). */
@Injectable()
export class SavedAddressesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises the changes to one user's book (its size and its default) until the transaction ends. */
  async lockBook(em: EntityManager, userId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('orders.saved_addresses'), hashtext($1))`, [
      userId,
    ]);
  }

  /** The default first, then the newest. */
  async listOf(userId: string, db: Db = this.dataSource): Promise<SavedAddressRow[]> {
    const rows = (await db.query(
      `SELECT ${COLUMNS} FROM saved_addresses WHERE user_id = $1 ORDER BY is_default DESC, created_at DESC, id`,
      [userId],
    )) as RawSavedAddress[];
    return rows.map(toRow);
  }

  async countOf(em: EntityManager, userId: string): Promise<number> {
    const rows = (await em.query(`SELECT count(*)::int AS n FROM saved_addresses WHERE user_id = $1`, [
      userId,
    ])) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  /** The user's own address; another user's id finds nothing. */
  async findOwn(em: EntityManager, userId: string, id: string): Promise<SavedAddressRow | null> {
    const rows = (await em.query(`SELECT ${COLUMNS} FROM saved_addresses WHERE id = $1 AND user_id = $2`, [
      id,
      userId,
    ])) as RawSavedAddress[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  async insert(
    em: EntityManager,
    userId: string,
    address: DeliveryAddress,
    isDefault: boolean,
  ): Promise<SavedAddressRow> {
    const rows = (await em.query(
      `INSERT INTO saved_addresses (user_id, recipient_name, phone, province_code, ward, street, is_default)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        userId,
        address.recipientName,
        address.phone,
        address.provinceCode,
        address.ward,
        address.street,
        isDefault,
      ],
    )) as RawSavedAddress[];
    return toRow(rows[0] as RawSavedAddress);
  }

  async update(
    em: EntityManager,
    id: string,
    address: DeliveryAddress,
    isDefault: boolean,
  ): Promise<SavedAddressRow> {
    const rows = returned<RawSavedAddress>(
      await em.query(
        `UPDATE saved_addresses
            SET recipient_name = $2, phone = $3, province_code = $4, ward = $5, street = $6, is_default = $7,
                updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [
          id,
          address.recipientName,
          address.phone,
          address.provinceCode,
          address.ward,
          address.street,
          isDefault,
        ],
      ),
    );
    return toRow(rows[0] as RawSavedAddress);
  }

  /** Takes the default flag off the user's current default (before another address gets it). */
  async clearDefault(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE saved_addresses SET is_default = false, updated_at = now() WHERE user_id = $1 AND is_default`,
      [userId],
    );
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM saved_addresses WHERE id = $1`, [id]);
  }

  /** Makes the user's newest address the default (after the default was deleted); none left, nothing happens. */
  async promoteNewest(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE saved_addresses SET is_default = true, updated_at = now()
        WHERE id = (SELECT id FROM saved_addresses WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 1)`,
      [userId],
    );
  }
}
