import { Injectable } from '@nestjs/common';
import type { AssetPurpose } from '../domain';

/** Says whether a user other than the owner may read an asset (e.g. an admin whose subtree holds the product). */
export type AssetReader = (userId: string, assetId: string) => Promise<boolean>;

/**
 * Who besides its owner may read an asset. The assets lib knows no product or branch: the contexts that attach
 * assets register their rule here at boot (the catalogue: admins in scope read a product's certificate).
 */
@Injectable()
export class AssetAccess {
  private readonly readers = new Map<AssetPurpose, AssetReader[]>();

  allow(purpose: AssetPurpose, reader: AssetReader): void {
    this.readers.set(purpose, [...(this.readers.get(purpose) ?? []), reader]);
  }

  async mayRead(
    userId: string,
    asset: { id: string; ownerUserId: string; purpose: AssetPurpose },
  ): Promise<boolean> {
    if (asset.ownerUserId === userId) return true;
    for (const reader of this.readers.get(asset.purpose) ?? []) {
      if (await reader(userId, asset.id)) return true;
    }
    return false;
  }
}
