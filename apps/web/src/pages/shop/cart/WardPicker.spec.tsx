/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import '../../../i18n';
import { exactUnit, foldVietnamese, searchUnits } from './fold';
import { WardPicker } from './WardPicker';

// The picker reads GET /api/provinces/{code}/wards through the real client; global fetch answers as the api does.
const HANOI = [
  { code: '00004', name: 'Phường Ba Đình' },
  { code: '00070', name: 'Phường Hoàn Kiếm' },
  { code: '00577', name: 'Xã Bát Tràng' },
  { code: '00580', name: 'Xã Đông Anh' },
  { code: '09955', name: 'Phường Đống Đa' },
];

const originalFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = originalFetch;
});

function Harness({ province = 'ha-noi', onValue }: { province?: string; onValue?: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <WardPicker
      id="ward"
      province={province}
      value={value}
      onChange={(v) => {
        setValue(v);
        onValue?.(v);
      }}
    />
  );
}

function renderPicker(province?: string, onValue?: (v: string) => void) {
  const requested: string[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const path = new URL(request.url, 'http://localhost').pathname;
    requested.push(path);
    if (path === '/api/provinces/ha-noi/wards') {
      return new Response(JSON.stringify(HANOI), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response('{}', { status: 404, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness province={province} onValue={onValue} />
    </QueryClientProvider>,
  );
  return { requested };
}

describe('ward search', () => {
  it('folds Vietnamese: marks and đ do not matter', () => {
    expect(foldVietnamese('  Xã  Bát Tràng ')).toBe('xa bat trang');
    expect(foldVietnamese('Phường Đống Đa')).toBe('phuong dong da');
    expect(searchUnits(HANOI, 'bat trang').map((w) => w.name)).toEqual(['Xã Bát Tràng']);
    expect(searchUnits(HANOI, 'dong').map((w) => w.name)).toEqual(['Xã Đông Anh', 'Phường Đống Đa']);
    expect(searchUnits(HANOI, 'hoan kiem').map((w) => w.name)).toEqual(['Phường Hoàn Kiếm']);
    expect(exactUnit(HANOI, 'xa bat trang')?.name).toBe('Xã Bát Tràng');
    expect(exactUnit(HANOI, 'bát tràng')?.name).toBe('Xã Bát Tràng');
    expect(exactUnit(HANOI, 'Phường Hàng Bạc')).toBeUndefined();
  });
});

describe('WardPicker', () => {
  it('"bat trang" finds "Xã Bát Tràng" in the province list; picking it sets the official name', async () => {
    const values: string[] = [];
    const { requested } = renderPicker('ha-noi', (v) => values.push(v));
    const input = screen.getByRole('combobox', { name: /Xã\/Phường/ });
    await waitFor(() => expect(requested).toContain('/api/provinces/ha-noi/wards'));
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'bat trang' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Xã Bát Tràng']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.mouseDown(options[0]!);
    expect((input as HTMLInputElement).value).toBe('Xã Bát Tràng');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('keyboard: arrows move through the matches and Enter picks one', async () => {
    renderPicker();
    const input = screen.getByRole('combobox');
    await waitFor(() => expect((input as HTMLInputElement).disabled).toBe(false));
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'DONG' } });
    await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect((input as HTMLInputElement).value).toBe('Phường Đống Đa');
  });

  it('a name typed in full without marks becomes the official name on leaving the field', async () => {
    renderPicker();
    const input = screen.getByRole('combobox');
    await waitFor(() => expect((input as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(input, { target: { value: 'phuong hoan kiem' } });
    fireEvent.blur(input);
    expect((input as HTMLInputElement).value).toBe('Phường Hoàn Kiếm');
  });

  it('says when nothing matches, and waits for a province first', async () => {
    renderPicker();
    const input = screen.getByRole('combobox');
    await waitFor(() => expect((input as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(input, { target: { value: 'hang bac' } });
    expect((await screen.findByRole('status')).textContent).toContain('Không có xã/phường nào khớp');
    cleanup();
    renderPicker('');
    expect((screen.getByRole('combobox') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Chọn tỉnh/thành phố trước')).toBeTruthy();
  });
});
