import { defineErrors, DomainError } from './domain-error';

describe('coded domain errors', () => {
  const ShelfError = defineErrors<'SOLD_OUT' | 'NOT_FOUND'>({ SOLD_OUT: 'conflict', NOT_FOUND: 'not_found' });

  it('carry their code, the kind from the table, and details', () => {
    const error = new ShelfError('SOLD_OUT', 'Hết hàng', { productId: 'p1' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('SOLD_OUT');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ productId: 'p1' });
    expect(error.message).toBe('Hết hàng');
  });
});
