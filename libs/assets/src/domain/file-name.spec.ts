import { fileNameProblem, slugOf } from './file-name';

describe('file names as phones send them', () => {
  it.each(['IMG_2034.JPG', 'Quyết định OCOP 2024.pdf', 'chè (1).webp', '.hidden.png'])('takes %s', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it.each([
    ['a path that climbs out', '../../etc/passwd'],
    ['a folder', 'photos/a.jpg'],
    ['a Windows path', 'C:\\Users\\nong dan\\a.jpg'],
    ['a control character', 'a\u0000.jpg'],
    ['a new line', 'a\n.jpg'],
    ['only dots', '..'],
    ['an empty name', ''],
    ['a name of 201 characters', `${'a'.repeat(197)}.jpg`],
    ['leading spaces', ' a.jpg'],
  ])('refuses %s', (_label, name) => {
    expect(fileNameProblem(name)).not.toBeNull();
  });

  it('makes an ASCII slug for URLs from a Vietnamese name', () => {
    expect(slugOf('Gốm Bát Tràng - Bình hút lộc.JPG')).toBe('gom-bat-trang-binh-hut-loc');
    expect(slugOf('Đặc sản Đồng Tháp.png')).toBe('dac-san-dong-thap');
    expect(slugOf('....jpg')).toBe('image');
    expect(slugOf(`${'x'.repeat(100)}.jpg`)).toHaveLength(60);
  });
});
