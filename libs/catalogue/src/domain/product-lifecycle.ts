import { CatalogueError } from './catalogue.errors';

export const PRODUCT_STATUSES = ['draft', 'pending_verification', 'active', 'suspended'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What can happen to a product, and who does it. */
export const PRODUCT_ACTIONS = ['submit', 'verify', 'reject', 'suspend', 'recertify'] as const;
export type ProductAction = (typeof PRODUCT_ACTIONS)[number];

export type ProductActor = 'farmer' | 'admin' | 'system';

interface Transition {
  from: readonly ProductStatus[];
  to: ProductStatus;
  by: ProductActor;
}

/**
 * The product lifecycle as a table. `recertify` is what editing the certificate of an active product does: it
 * goes back to verification, because the certificate an admin checked is no longer the one shown.
 */
export const PRODUCT_TRANSITIONS: Readonly<Record<ProductAction, Transition>> = {
  submit: { from: ['draft', 'suspended'], to: 'pending_verification', by: 'farmer' },
  verify: { from: ['pending_verification'], to: 'active', by: 'admin' },
  reject: { from: ['pending_verification'], to: 'draft', by: 'admin' },
  suspend: { from: ['active', 'pending_verification'], to: 'suspended', by: 'admin' },
  recertify: { from: ['active'], to: 'pending_verification', by: 'system' },
};

export function canTransition(from: ProductStatus, action: ProductAction): boolean {
  return PRODUCT_TRANSITIONS[action].from.includes(from);
}

/** The status after `action`, or a coded ILLEGAL_TRANSITION error. */
export function nextStatus(from: ProductStatus, action: ProductAction): ProductStatus {
  if (!canTransition(from, action)) {
    throw new CatalogueError(
      'ILLEGAL_TRANSITION',
      `A product that is ${from} cannot be ${pastTense(action)}`,
      {
        from,
        action,
        allowedFrom: PRODUCT_TRANSITIONS[action].from,
      },
    );
  }
  return PRODUCT_TRANSITIONS[action].to;
}

function pastTense(action: ProductAction): string {
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'verify':
      return 'verified';
    case 'reject':
      return 'rejected';
    case 'suspend':
      return 'suspended';
    case 'recertify':
      return 'sent back to verification';
  }
}

export function isProductStatus(value: unknown): value is ProductStatus {
  return typeof value === 'string' && (PRODUCT_STATUSES as readonly string[]).includes(value);
}
