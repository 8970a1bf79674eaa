import { afterSignIn, roleHome } from './role-home';

describe('every role lands on its home after signing in', () => {
  it('sends an admin to the dashboard, a farmer to the portal, a streamer to the studio, a shopper home', () => {
    expect(roleHome(['shopper', 'admin'])).toBe('/admin');
    expect(roleHome(['shopper', 'farmer'])).toBe('/farmer');
    expect(roleHome(['shopper', 'streamer'])).toBe('/studio');
    expect(roleHome(['shopper'])).toBe('/');
  });

  it('prefers the work a user with several roles most likely came to do', () => {
    expect(roleHome(['streamer', 'farmer'])).toBe('/farmer');
    expect(roleHome(['streamer', 'admin'])).toBe('/admin');
  });

  it('keeps a specific return path, but treats the home page as none', () => {
    expect(afterSignIn('/sessions/abc', ['streamer'])).toBe('/sessions/abc');
    expect(afterSignIn('/', ['streamer'])).toBe('/studio');
    expect(afterSignIn(null, ['farmer'])).toBe('/farmer');
  });

  it('never follows a return path to another site', () => {
    expect(afterSignIn('//evil.example/x', ['admin'])).toBe('/admin');
    expect(afterSignIn('https://evil.example', ['shopper'])).toBe('/');
  });
});
