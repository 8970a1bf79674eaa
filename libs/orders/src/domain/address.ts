import { findProvince, findWard, normalizeVnMobile, textProblem } from '@ocop/kernel';
import { OrderError } from './order.errors';

export interface AddressInput {
  recipientName?: unknown;
  phone?: unknown;
  province?: unknown;
  ward?: unknown;
  street?: unknown;
}

/** A Vietnamese delivery address after the 2025 reform: province (one of 34), commune or ward, street. */
export interface DeliveryAddress {
  recipientName: string;
  /** E.164, +84xxxxxxxxx. */
  phone: string;
  provinceCode: string;
  provinceName: string;
  ward: string;
  street: string;
}

export type AddressField = keyof AddressInput;
export type AddressFieldErrors = Partial<Record<AddressField, string>>;

export type AddressResult =
  | { ok: true; value: DeliveryAddress }
  | { ok: false; errors: AddressFieldErrors; unknownWard?: boolean };

/** The message of a well-formed ward that is not one of its province's units since 1 July 2025. */
export const UNKNOWN_WARD_MESSAGE =
  "Commune or ward must be one of the province's communes and wards in force since 1 July 2025";

export const ADDRESS_LIMITS = {
  recipientName: { min: 2, max: 100 },
  ward: { min: 2, max: 100 },
  street: { min: 3, max: 200 },
} as const;

/**
 * NFC, trimmed, inner runs of whitespace collapsed; undefined when not a string or breaking the platform's text
 * rules (control characters, lone surrogates, bidi overrides, nothing visible: kernel/text-hygiene.ts).
 */
function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text.length > 0 && textProblem(text) !== null) return undefined;
  return text;
}

function textField(
  value: unknown,
  label: string,
  { min, max }: { min: number; max: number },
): { value?: string; error?: string } {
  const text = cleanText(value);
  if (text === undefined || text.length === 0) return { error: `${label} is required` };
  if (text.length < min || text.length > max) {
    return { error: `${label} must be ${min} to ${max} characters` };
  }
  return { value: text };
}

/** Validates and normalizes an address; collects every field's error rather than stopping at the first. */
export function parseAddress(input: AddressInput): AddressResult {
  const errors: AddressFieldErrors = {};
  const name = textField(input.recipientName, 'Recipient name', ADDRESS_LIMITS.recipientName);
  if (name.error) errors.recipientName = name.error;

  const phone = typeof input.phone === 'string' ? normalizeVnMobile(input.phone) : null;
  if (!phone) errors.phone = 'Phone must be a Vietnamese mobile number (+84 or 0, then 9 digits)';

  const province = typeof input.province === 'string' ? findProvince(input.province) : undefined;
  if (!province) errors.province = 'Province must be one of the 34 provinces and cities';

  const ward = textField(input.ward, 'Commune or ward', ADDRESS_LIMITS.ward);
  if (ward.error) errors.ward = ward.error;
  // The ward is picked from the official list (by name, with or without diacritics, or by its code) and stored under
  // its official name. Addresses stored before the list was enforced stay as they are: only new input is checked.
  let unknownWard = false;
  if (ward.value !== undefined && province) {
    const official = findWard(province.code, ward.value);
    if (official) ward.value = official.name;
    else {
      unknownWard = true;
      errors.ward = UNKNOWN_WARD_MESSAGE;
    }
  }
  const street = textField(input.street, 'Street', ADDRESS_LIMITS.street);
  if (street.error) errors.street = street.error;

  if (Object.keys(errors).length > 0 || !phone || !province) {
    return unknownWard ? { ok: false, errors, unknownWard } : { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      recipientName: name.value as string,
      phone,
      provinceCode: province.code,
      provinceName: province.name,
      ward: ward.value as string,
      street: street.value as string,
    },
  };
}

/** The normalized address, or ADDRESS_INVALID (400) with `details.fields` naming each bad field. */
export function normalizeAddress(input: AddressInput): DeliveryAddress {
  const result = parseAddress(input);
  if (!result.ok && result.unknownWard && Object.keys(result.errors).length === 1) {
    throw new OrderError('INVALID_WARD', UNKNOWN_WARD_MESSAGE, {
      fields: result.errors,
      province: typeof input.province === 'string' ? findProvince(input.province)?.code : undefined,
    });
  }
  if (!result.ok) {
    throw new OrderError('ADDRESS_INVALID', 'The delivery address is incomplete or invalid', {
      fields: result.errors,
    });
  }
  return result.value;
}

/** What the session room may show of a buyer: first name and ward, never phone or street. */
export function publicBuyerLabel(address: Pick<DeliveryAddress, 'recipientName' | 'ward'>): string {
  const words = address.recipientName.split(' ');
  // Vietnamese names put the given name last: "Nguyễn Thị Lan" -> "Lan".
  return `${words[words.length - 1]} · ${address.ward}`;
}
