import { DomainError } from '@ocop/kernel';
import {
  assertCertificateNotExpired,
  certificateExpiresOn,
  certificateState,
  isDecisionNumber,
  isSellable,
  issueCertificate,
} from './certificate';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('OCOP certificate', () => {
  it('is valid for 36 months from the signing date', () => {
    expect(certificateExpiresOn('2024-03-15')).toBe('2027-03-15');
    // A decision signed on 29 February expires on the last day of February three years later.
    expect(certificateExpiresOn('2024-02-29')).toBe('2027-02-28');
  });

  it('accepts decision numbers as written on Vietnamese decisions', () => {
    for (const number of ['1234/QĐ-UBND', '56/2024/QĐ-UBND', '7/QĐ-SNN', '889/QD-UBND', '12/QĐ-SNN&PTNT']) {
      expect(isDecisionNumber(number)).toBe(true);
    }
    for (const number of [
      '',
      'QĐ-UBND',
      '1234',
      '1234/',
      '1234/qđ-ubnd',
      '12 34/QĐ',
      '1234/QĐ--UBND',
      'abc/QĐ',
    ]) {
      expect(isDecisionNumber(number)).toBe(false);
    }
  });

  it('a decision number typed in decomposed Unicode (Đ is still one letter) is accepted', () => {
    expect(isDecisionNumber('1234/QĐ-UBND'.normalize('NFD'))).toBe(true);
  });

  it('cannot be signed in the future (Vietnam calendar)', () => {
    const input = {
      stars: 4 as const,
      decisionNumber: '1234/QĐ-UBND',
      issuingBody: 'UBND TP Hà Nội',
      signedOn: '2025-06-02',
    };
    expect(codeOf(() => issueCertificate(input, '2025-06-01'))).toBe('CERTIFICATE_INVALID');
    expect(issueCertificate(input, '2025-06-02').expiresOn).toBe('2028-06-02');
  });

  it('is valid, then expiring soon within the warning window, then expired the day after its expiry date', () => {
    expect(certificateState('2027-03-15', '2027-01-01', 30)).toBe('valid');
    expect(certificateState('2027-03-15', '2027-02-13', 30)).toBe('expiring_soon');
    expect(certificateState('2027-03-15', '2027-03-15', 30)).toBe('expiring_soon');
    expect(certificateState('2027-03-15', '2027-03-16', 30)).toBe('expired');
  });

  it('a verified product with an expired certificate is never sellable', () => {
    expect(isSellable('active', '2027-03-15', '2027-03-15')).toBe(true);
    expect(isSellable('active', '2027-03-15', '2027-03-16')).toBe(false);
    expect(isSellable('pending_verification', '2030-01-01', '2027-01-01')).toBe(false);
    expect(isSellable('suspended', '2030-01-01', '2027-01-01')).toBe(false);
  });

  it('submitting or verifying with an expired certificate is refused as unprocessable', () => {
    expect(() => assertCertificateNotExpired('2027-03-15', '2027-03-15')).not.toThrow();
    expect.assertions(3);
    try {
      assertCertificateNotExpired('2027-03-15', '2027-03-16');
    } catch (error) {
      expect((error as DomainError).code).toBe('CERTIFICATE_EXPIRED');
      expect((error as DomainError).kind).toBe('unprocessable');
    }
  });
});
