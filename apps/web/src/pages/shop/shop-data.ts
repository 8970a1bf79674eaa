import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api/client';

/** A Vietnamese mobile number as the api accepts it: +84 or 0, then 9 digits (spaces, dots, dashes ignored). */
export function isVnMobile(input: string): boolean {
  return /^(?:\+84|0084|84|0)[35789]\d{8}$/.test(input.replace(/[\s.\-()]/g, ''));
}

/** "+84912345678" -> "0912 345 678". */
export function formatPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

export type ClientConfig = Schema<'ClientConfigResponse'>;

/** What the api offers the checkout (card payments, Stripe key). Public, rarely changes. */
export function useClientConfig() {
  return useQuery({
    queryKey: ['public', 'client-config'],
    queryFn: async () => unwrap(await api.GET('/api/client-config')),
    staleTime: 5 * 60_000,
  });
}

export type OrderStatus = Schema<'OrderResponse'>['status'];
/** Orders a shopper may still cancel themselves (before shipping). */
export const CANCELLABLE: readonly OrderStatus[] = ['pending_payment', 'confirmed'];
