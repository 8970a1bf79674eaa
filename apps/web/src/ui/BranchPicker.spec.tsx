/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { Schema } from '../api/client';
import '../i18n';
import { BRANCH_SEARCH_DEBOUNCE_MS, BranchPicker, type BranchChoice } from './BranchPicker';

// The picker talks to GET /api/branches through the real client; global fetch is a fake api that answers like
// libs/identity (active branches matching every word, diacritics ignored, shallowest first, with pathNames).

type Found = Schema<'BranchSearchResultResponse'>;

const branch = (id: string, name: string, code: string, pathNames: string[]): Found => ({
  id,
  name,
  code,
  pathNames,
  path: pathNames.map((_, i) => `${id.slice(0, -1)}${i}`),
  parentId: null,
  status: 'active',
  type: 'cell',
});

const BRANCHES: Found[] = [
  branch('11111111-1111-4111-8111-111111111111', 'Quận đoàn Gia Lâm', 'HN-GLA', [
    'Thành đoàn Hà Nội',
    'Quận đoàn Gia Lâm',
  ]),
  branch('22222222-2222-4222-8222-222222222222', 'Chi đoàn Bát Tràng', 'HN-GLA-BT', [
    'Thành đoàn Hà Nội',
    'Quận đoàn Gia Lâm',
    'Chi đoàn Bát Tràng',
  ]),
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

function fakeApi() {
  const queries: string[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/branches') {
      const q = url.searchParams.get('q') ?? '';
      queries.push(q);
      const words = fold(q).split(/\s+/).filter(Boolean);
      const found = BRANCHES.filter((b) => words.every((w) => fold(`${b.name} ${b.code}`).includes(w)));
      return new Response(JSON.stringify(found), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(JSON.stringify({ code: 'ROUTE_NOT_FOUND', message: 'No such route' }), {
      status: 404,
    });
  }) as typeof fetch;
  return { queries };
}

function Harness({ onChange }: { onChange: (branch: BranchChoice | null) => void }) {
  const [value, setValue] = useState<BranchChoice | null>(null);
  return (
    <BranchPicker
      label="Chi đoàn"
      value={value}
      testId="picker"
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

function renderPicker() {
  const onChange = jest.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <Harness onChange={onChange} />
    </QueryClientProvider>,
  );
  return { onChange, input: screen.getByRole('combobox', { name: 'Chi đoàn' }) };
}

async function typeAndWait(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  await act(async () => {
    jest.advanceTimersByTime(BRANCH_SEARCH_DEBOUNCE_MS);
  });
}

describe('BranchPicker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    cleanup();
    jest.useRealTimers();
  });

  it('is a labelled combobox that searches once typing pauses, diacritics optional', async () => {
    const api = fakeApi();
    const { input } = renderPicker();
    const listbox = screen.getByRole('listbox', { hidden: true });
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-expanded')).toBe('false');

    fireEvent.change(input, { target: { value: 'b' } });
    fireEvent.change(input, { target: { value: 'bat' } });
    await typeAndWait(input, 'bat trang');
    const options = await screen.findAllByRole('option');
    expect(api.queries).toEqual(['bat trang']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options).toHaveLength(1);
    expect(options[0]!.textContent).toContain('Chi đoàn Bát Tràng');
    expect(options[0]!.textContent).toContain('Thành đoàn Hà Nội › Quận đoàn Gia Lâm');
  });

  it('arrow keys move through the results, Enter chooses, Escape closes', async () => {
    fakeApi();
    const { input, onChange } = renderPicker();
    await typeAndWait(input, 'doan');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(input.getAttribute('aria-activedescendant')).toBeNull();

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith(BRANCHES[1]);
    expect((input as HTMLInputElement).value).toBe('Chi đoàn Bát Tràng');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText(/Chi đoàn Bát Tràng \(Thành đoàn Hà Nội › Quận đoàn Gia Lâm\)/)).toBeTruthy();

    // Typing again drops the choice; Escape closes the list without choosing.
    await typeAndWait(input, 'gia lam');
    expect(onChange).toHaveBeenLastCalledWith(null);
    await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('a click chooses too, and a search with no match says so', async () => {
    fakeApi();
    const { input, onChange } = renderPicker();
    await typeAndWait(input, 'quan doan');
    fireEvent.click((await screen.findAllByRole('option'))[0]!);
    expect(onChange).toHaveBeenLastCalledWith(BRANCHES[0]);

    await typeAndWait(input, 'khong co');
    // Shown under the input and announced in the live region.
    expect(await screen.findAllByText('Không tìm thấy cơ sở đoàn nào khớp.')).toHaveLength(2);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });
});
