/**
 * @jest-environment ./apps/web/src/test/jsdom-environment.cjs
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import i18n from '../../i18n';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';

const signIn = jest.fn();
const register = jest.fn();
jest.mock('../../auth/AuthProvider', () => ({
  useAuth: () => ({ signIn, register }),
}));

function show(page: 'sign-in' | 'sign-up', at = `/${page}`) {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '*', element: <p>landed</p> },
    ],
    { initialEntries: [at] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? null;

describe('forms that explain', () => {
  beforeEach(async () => {
    signIn.mockReset();
    register.mockReset();
    await i18n.changeLanguage('en');
  });

  it('says what is wrong with the phone once the field is left, with the expected format, and clears it as typed', () => {
    show('sign-up');
    const phone = input('contact');
    fireEvent.change(phone, { target: { value: '0123' } });
    expect(errorOf('contact')).toBeNull(); // not while the first digits are typed
    fireEvent.blur(phone);
    expect(errorOf('contact')).toMatch(/10 digits starting with 0.*0977 123 456/);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(phone.getAttribute('aria-describedby')).toBe('contact-hint contact-error');
    fireEvent.change(phone, { target: { value: '0977 123 456' } });
    expect(errorOf('contact')).toBeNull();
    expect(phone.getAttribute('aria-describedby')).toBe('contact-hint');
  });

  it('says nothing yet about a field left empty while moving through the form', () => {
    show('sign-up');
    fireEvent.blur(input('contact'));
    fireEvent.blur(input('displayName'));
    expect(errorOf('contact')).toBeNull();
    expect(errorOf('displayName')).toBeNull();
  });

  it('never disables the button silently: submitting shows every problem and focuses the first field', () => {
    show('sign-up');
    const button = screen.getByRole('button', { name: 'Create account' });
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button);
    expect(errorOf('contact')).toBe('Enter a phone number to sign up.');
    expect(errorOf('displayName')).toMatch(/Enter a display name/);
    expect(errorOf('new-password')).toBe('Enter your password.');
    expect(document.activeElement).toBe(input('contact'));
    expect(register).not.toHaveBeenCalled();

    fireEvent.change(input('new-password'), { target: { value: 'short' } });
    expect(errorOf('new-password')).toBe('The password needs at least 10 characters.');
  });

  it('checks an email when the user signs up by email', () => {
    show('sign-up');
    fireEvent.click(screen.getByLabelText('Email'));
    fireEvent.change(input('contact'), { target: { value: 'lan@example' } });
    fireEvent.blur(input('contact'));
    expect(errorOf('contact')).toBe('This email is not valid: use the form name@domain.com.');
  });

  it('sign-in explains a mistyped phone and offers sign-up', () => {
    show('sign-in');
    fireEvent.change(input('identifier'), { target: { value: '09123' } });
    fireEvent.blur(input('identifier'));
    expect(errorOf('identifier')).toMatch(/use 0 then 9 digits/);
    expect(screen.getByTestId('sign-up-link').getAttribute('href')).toBe('/sign-up');
  });

  it('takes a streamer to the studio after signing in, and keeps a requested page', async () => {
    signIn.mockResolvedValue({ roles: ['shopper', 'streamer'] });
    const router = show('sign-in', '/sign-in?next=%2F');
    fireEvent.change(input('identifier'), { target: { value: '0977 123 456' } });
    fireEvent.change(input('password'), { target: { value: 'a long password' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    });
    expect(signIn).toHaveBeenCalledWith('0977 123 456', 'a long password');
    expect(router.state.location.pathname).toBe('/studio');

    signIn.mockResolvedValue({ roles: ['shopper', 'farmer'] });
    cleanup();
    const again = show('sign-in', '/sign-in?next=%2Fsessions%2Fabc');
    fireEvent.change(input('identifier'), { target: { value: 'farmer@example.com' } });
    fireEvent.change(input('password'), { target: { value: 'a long password' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    });
    expect(again.state.location.pathname).toBe('/sessions/abc');
  });
});
