import {
  givenName,
  newReferralCode,
  newShareCode,
  REFERRAL_CODE_ALPHABET,
  REFERRAL_CODE_RE,
  SHARE_CODE_RE,
  shareLinkPath,
} from './sharing-rules';

describe('referral codes and share links', () => {
  it('a referral code is 7 characters a streamer can read aloud, without 0/O or 1/I/L', () => {
    const codes = Array.from({ length: 500 }, () => newReferralCode());
    for (const code of codes) expect(code).toMatch(REFERRAL_CODE_RE);
    expect(codes.join('')).not.toMatch(/[01OIL]/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('draws each character from its alphabet with the random source given', () => {
    let i = 0;
    expect(newReferralCode((n) => (i++ * 5) % n)).toBe('AFMSX49');
    expect(REFERRAL_CODE_ALPHABET).toHaveLength(31);
  });

  it('a share code is URL-safe and fits the stored format; its path is /s/<code>', () => {
    const code = newShareCode();
    expect(code).toMatch(SHARE_CODE_RE);
    expect(code).toHaveLength(12);
    expect(shareLinkPath(code)).toBe(`/s/${code}`);
  });

  it('a shared link shows the streamer by given name, the last word of a Vietnamese full name', () => {
    expect(givenName('Nguyễn Thị Lan')).toBe('Lan');
    expect(givenName('  Trần   Minh  Đức ')).toBe('Đức');
    expect(givenName('Mai')).toBe('Mai');
  });
});
