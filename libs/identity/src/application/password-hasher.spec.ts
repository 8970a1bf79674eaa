import { PasswordHasher } from './password-hasher';

describe('password hashing', () => {
  const hasher = new PasswordHasher();

  it('stores a salted, self-describing scrypt hash that verifies only the right password', async () => {
    const hash = await hasher.hash('Mật khẩu rất dài 2025');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify(hash, 'Mật khẩu rất dài 2025')).toBe(true);
    expect(await hasher.verify(hash, 'Mat khau rat dai 2025')).toBe(false);
    expect(await hasher.hash('Mật khẩu rất dài 2025')).not.toBe(hash);
  });

  it('treats composed and decomposed Vietnamese input as the same password', async () => {
    const hash = await hasher.hash('Trà Thái Nguyên'.normalize('NFC'));
    expect(await hasher.verify(hash, 'Trà Thái Nguyên'.normalize('NFD'))).toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
    expect(await hasher.verify('scrypt$0$8$3$abc$def', 'x')).toBe(false);
    expect(await hasher.verifyAgainstDummy('anything')).toBe(false);
  });
});
