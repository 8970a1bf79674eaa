import { normalizeAddress } from './address';
import {
  assertRoomForAddress,
  defaultAfterEdit,
  isDefaultOnSave,
  isSameAddress,
  MAX_SAVED_ADDRESSES,
  mergeAddressEdit,
} from './saved-addresses';

const home = normalizeAddress({
  recipientName: 'Nguyễn Thị Lan',
  phone: '0912345678',
  province: 'ha-noi',
  ward: 'Phường Hoàn Kiếm',
  street: 'Số 12 Hàng Bạc',
});

describe('the shopper address book', () => {
  it('a shopper with a full book must delete one before saving another', () => {
    expect(() => assertRoomForAddress(MAX_SAVED_ADDRESSES - 1)).not.toThrow();
    expect(() => assertRoomForAddress(MAX_SAVED_ADDRESSES)).toThrow(
      expect.objectContaining({ code: 'SAVED_ADDRESS_LIMIT_REACHED', kind: 'conflict' }),
    );
  });

  it("a shopper's first saved address becomes the default; later ones only when asked", () => {
    expect(isDefaultOnSave(0, undefined)).toBe(true);
    expect(isDefaultOnSave(0, false)).toBe(true);
    expect(isDefaultOnSave(3, undefined)).toBe(false);
    expect(isDefaultOnSave(3, true)).toBe(true);
  });

  it('the default moves to another address but is never just switched off', () => {
    expect(defaultAfterEdit(false, true)).toBe(true);
    expect(defaultAfterEdit(true, undefined)).toBe(true);
    expect(defaultAfterEdit(false, false)).toBe(false);
    expect(() => defaultAfterEdit(true, false)).toThrow(
      expect.objectContaining({ code: 'DEFAULT_ADDRESS_REQUIRED' }),
    );
  });

  it('editing only the phone keeps the other fields, and the result is validated as a whole', () => {
    const merged = mergeAddressEdit(home, { phone: '0987 654 321' });
    expect(normalizeAddress(merged)).toEqual({ ...home, phone: '+84987654321' });
    expect(() => normalizeAddress(mergeAddressEdit(home, { street: '' }))).toThrow(
      expect.objectContaining({ code: 'ADDRESS_INVALID' }),
    );
  });

  it('the same place and person typed in another case is the same address; another street is not', () => {
    const shouted = normalizeAddress({
      recipientName: 'NGUYỄN THỊ LAN',
      phone: '+84 912 345 678',
      province: 'Ha Noi',
      ward: 'phường hoàn kiếm',
      street: 'số 12 hàng bạc',
    });
    expect(isSameAddress(home, shouted)).toBe(true);
    expect(isSameAddress(home, { ...home, street: 'Số 14 Hàng Bạc' })).toBe(false);
  });
});
