import { DomainError } from '@ocop/kernel';
import {
  canTransition,
  nextStatus,
  PRODUCT_ACTIONS,
  PRODUCT_STATUSES,
  ProductAction,
  ProductStatus,
} from './product-lifecycle';

describe('product lifecycle', () => {
  it('a farmer submits a draft for verification and an admin verifies it', () => {
    const pending = nextStatus('draft', 'submit');
    expect(pending).toBe('pending_verification');
    expect(nextStatus(pending, 'verify')).toBe('active');
  });

  it('an admin rejects a pending product back to draft, and the farmer can submit it again', () => {
    const draft = nextStatus('pending_verification', 'reject');
    expect(draft).toBe('draft');
    expect(nextStatus(draft, 'submit')).toBe('pending_verification');
  });

  it('an admin suspends an active or pending product; the farmer resubmits a suspended one', () => {
    expect(nextStatus('active', 'suspend')).toBe('suspended');
    expect(nextStatus('pending_verification', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'submit')).toBe('pending_verification');
  });

  it('editing the certificate of an active product sends it back to verification', () => {
    expect(nextStatus('active', 'recertify')).toBe('pending_verification');
  });

  it('a draft cannot be verified without being submitted first (ILLEGAL_TRANSITION, a conflict)', () => {
    expect.assertions(3);
    try {
      nextStatus('draft', 'verify');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('ILLEGAL_TRANSITION');
      expect((error as DomainError).kind).toBe('conflict');
    }
  });

  it('only the listed transitions exist', () => {
    const allowed: [ProductStatus, ProductAction][] = [];
    for (const status of PRODUCT_STATUSES) {
      for (const action of PRODUCT_ACTIONS) if (canTransition(status, action)) allowed.push([status, action]);
    }
    expect(allowed).toEqual([
      ['draft', 'submit'],
      ['pending_verification', 'verify'],
      ['pending_verification', 'reject'],
      ['pending_verification', 'suspend'],
      ['active', 'suspend'],
      ['active', 'recertify'],
      ['suspended', 'submit'],
    ]);
  });

  it('an active product cannot be submitted again, nor a suspended one verified directly', () => {
    expect(() => nextStatus('active', 'submit')).toThrow(/cannot be submitted/);
    expect(() => nextStatus('suspended', 'verify')).toThrow(/cannot be verified/);
  });
});
