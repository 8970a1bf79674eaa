/**
 * @jest-environment jsdom
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import i18n from '../../i18n';
import { DealForm } from './DealPanel';

const products = [
  { productId: 'p1', name: 'Bình gốm men lam', priceVnd: 150_000, stock: 40, sellable: true },
  { productId: 'p2', name: 'Chè Shan tuyết', priceVnd: 90_000, stock: 0, sellable: true },
];

function setup() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DealForm sessionId="s1" products={products} />
    </QueryClientProvider>,
  );
}

describe('DealForm', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows why the terms are wrong before anything is sent', () => {
    setup();
    fireEvent.change(screen.getByTestId('deal-product'), { target: { value: 'p1' } });
    fireEvent.change(screen.getByTestId('deal-price'), { target: { value: '150000' } });
    fireEvent.change(screen.getByTestId('deal-quantity'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('deal-limit'), { target: { value: '6' } });
    fireEvent.change(screen.getByTestId('deal-duration'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('deal-start'));

    expect(screen.getByText(/must be below the list price/)).toBeTruthy();
    expect(screen.getByText('The per-buyer limit cannot exceed the deal quantity.')).toBeTruthy();
    expect(screen.getByText('The duration is 10 seconds to 20 minutes.')).toBeTruthy();
    expect(screen.getByTestId('deal-price').getAttribute('aria-invalid')).toBe('true');
  });

  it('cannot pick a product with no stock, and a preset sets the duration', () => {
    setup();
    const soldOut = screen.getByRole('option', { name: /Chè Shan tuyết/ }) as HTMLOptionElement;
    expect(soldOut.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '1 min' }));
    expect((screen.getByTestId('deal-duration') as HTMLInputElement).value).toBe('60');
  });
});
