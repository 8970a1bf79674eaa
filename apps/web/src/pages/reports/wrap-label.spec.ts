import { wrapLabel } from './charts';

describe("the farmer's chart labels are never cut", () => {
  it('keeps a short name on one line', () => {
    expect(wrapLabel('Mật ong rừng')).toEqual(['Mật ong rừng']);
  });

  it('wraps a long product name over lines, keeping every word', () => {
    const name = 'Chè Shan tuyết cổ thụ Bản Phố hộp 200g';
    const lines = wrapLabel(name);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(name);
    expect(lines.every((line) => line.length <= 16)).toBe(true);
  });

  it('marks only a name longer than three lines as shortened', () => {
    const lines = wrapLabel('Gạo nếp cái hoa vàng Đông Cao thượng hạng đóng túi hút chân không 5kg');
    expect(lines).toHaveLength(3);
    expect(lines[2]?.endsWith('…')).toBe(true);
  });
});
