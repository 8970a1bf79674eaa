import { Injectable, Logger } from '@nestjs/common';
import type { CheckoutRequestInput } from '../domain';
import { CheckoutService } from './checkout.service';
import { OrderLineImages } from './order-line-images';
import { SavedAddressesService } from './saved-addresses.service';
import type { CheckoutResult } from './views';

/** A shopper's checkout from the checkout sheet: the purchase, then "save this address" when they ticked it. */
@Injectable()
export class ShopperCheckout {
  private readonly log = new Logger(ShopperCheckout.name);

  constructor(
    private readonly checkouts: CheckoutService,
    private readonly addresses: SavedAddressesService,
    private readonly images: OrderLineImages,
  ) {}

  async place(
    buyerUserId: string,
    idempotencyKey: unknown,
    input: CheckoutRequestInput,
    saveAddress: boolean,
  ): Promise<CheckoutResult> {
    const result = await this.checkouts.checkout(buyerUserId, idempotencyKey, input);
    const placed = result.orders[0];
    if (saveAddress && placed) {
      // The orders are placed whatever happens here: a failure to save the address is logged, never answered.
      await this.addresses
        .rememberFromCheckout(buyerUserId, placed.deliveryAddress)
        .catch((error: unknown) => {
          this.log.error({ err: error, buyerUserId }, 'Could not save the address of a checkout');
        });
    }
    return this.images.checkout(result);
  }
}
