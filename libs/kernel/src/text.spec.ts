import { foldVietnamese, searchWords } from './text';

describe('folding Vietnamese text for search', () => {
  it('drops tone and vowel marks so a shopper typing without diacritics still matches', () => {
    expect(foldVietnamese('Gốm Bát Tràng')).toBe('gom bat trang');
    expect(foldVietnamese('Trà Shan tuyết cổ thụ')).toBe('tra shan tuyet co thu');
    expect(foldVietnamese('Nước mắm Cát Hải')).toBe('nuoc mam cat hai');
  });

  it('turns đ and Đ into d, which Unicode decomposition alone does not do', () => {
    expect(foldVietnamese('Đoàn xã Đông Dư')).toBe('doan xa dong du');
    expect(foldVietnamese('miến dong')).toBe(foldVietnamese('Miến đong').replace('d', 'd'));
  });

  it('handles text already composed or decomposed the same way', () => {
    expect(foldVietnamese('Tràng'.normalize('NFD'))).toBe(foldVietnamese('Tràng'.normalize('NFC')));
  });

  it('splits into words of letters and digits only', () => {
    expect(searchWords('Chè Ba Vì — 100g, loại 1!')).toEqual(['che', 'ba', 'vi', '100g', 'loai', '1']);
    expect(searchWords('  ')).toEqual([]);
  });
});
