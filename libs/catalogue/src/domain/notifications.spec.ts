import { certificateMessage, dueCertificateWarning } from './notifications';

const none = { expiringWarned: false, expiredWarned: false };

describe('certificate expiry warnings', () => {
  it('a certificate expiring in 10 days is warned once', () => {
    expect(dueCertificateWarning('2026-01-11', '2026-01-01', 30, none)).toBe('certificate_expiring');
    expect(
      dueCertificateWarning('2026-01-11', '2026-01-01', 30, { ...none, expiringWarned: true }),
    ).toBeNull();
  });

  it('a certificate expiring in 90 days is not warned yet', () => {
    expect(dueCertificateWarning('2026-04-01', '2026-01-01', 30, none)).toBeNull();
  });

  it('an expired certificate is warned once as expired, even after an "expiring" warning', () => {
    expect(dueCertificateWarning('2026-01-01', '2026-01-02', 30, { ...none, expiringWarned: true })).toBe(
      'certificate_expired',
    );
    expect(
      dueCertificateWarning('2026-01-01', '2026-01-02', 30, { expiringWarned: true, expiredWarned: true }),
    ).toBeNull();
  });

  it('speaks Vietnamese and English, with the date the Vietnamese way', () => {
    const text = certificateMessage('certificate_expiring', 'Trà Thái Nguyên', '2026-01-11', 10);
    expect(text.vi).toContain('11/01/2026');
    expect(text.vi).toContain('còn 10 ngày');
    expect(text.en).toContain('in 10 days');
  });
});
