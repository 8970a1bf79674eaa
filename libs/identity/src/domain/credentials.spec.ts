import { identifierKey, parseIdentifier } from './credentials';

describe('sign-in identifiers', () => {
  it('reads an email case-insensitively', () => {
    expect(parseIdentifier('  Lan.Nguyen@Example.VN ')).toEqual({
      kind: 'email',
      value: 'lan.nguyen@example.vn',
    });
  });

  it('reads a Vietnamese mobile in the ways people type it', () => {
    for (const typed of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '+84912345678',
      '84912345678',
      '+84 912-345-678',
    ]) {
      expect(parseIdentifier(typed)).toEqual({ kind: 'phone', value: '+84912345678' });
    }
    expect(parseIdentifier('0123')).toBeNull();
    expect(parseIdentifier('lan')).toBeNull();
  });

  it('counts failures under one key whatever the format typed', () => {
    expect(identifierKey('0912 345 678')).toBe(identifierKey('+84912345678'));
    expect(identifierKey('LAN@EXAMPLE.VN')).toBe(identifierKey('lan@example.vn'));
    expect(identifierKey('nobody')).toBe('raw:nobody');
  });

  it('reads full-width lookalikes typed on a phone keyboard as the plain email or number', () => {
    expect(parseIdentifier('ｓhopper1@ocop.example')).toEqual({
      kind: 'email',
      value: 'shopper1@ocop.example',
    });
    expect(parseIdentifier('０９１２３４５６７８')).toEqual({ kind: 'phone', value: '+84912345678' });
    expect(identifierKey('ＳＨＯＰＰＥＲ1@ocop.example')).toBe(identifierKey('shopper1@ocop.example'));
  });
});
