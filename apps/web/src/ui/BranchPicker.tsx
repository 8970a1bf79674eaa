import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import './branch-picker.css';

/** A branch as the picker shows it; `pathNames` (root first, the branch last) when known. */
export interface BranchChoice {
  id: string;
  name: string;
  code: string;
  pathNames?: string[];
}

/** How long typing must pause before the api is asked. */
export const BRANCH_SEARCH_DEBOUNCE_MS = 250;
const RESULT_LIMIT = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The branches above this one, root first ("Thành đoàn Hà Nội › Quận đoàn Ba Đình"). */
export function parentPath(branch: BranchChoice): string {
  return (branch.pathNames ?? []).slice(0, -1).join(' › ');
}

/**
 * Choose an active Youth Union branch by typing part of its name or code (diacritics optional): an ARIA 1.2
 * combobox (input + listbox) that searches GET /api/branches as the user types. Arrow keys move through the
 * results, Enter chooses, Escape closes the list (or clears unfinished text).
 */
export function BranchPicker({
  id: idProp,
  label,
  hint,
  error,
  value,
  onChange,
  testId,
}: {
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  /** The chosen branch, or null while none is chosen. */
  value: BranchChoice | null;
  onChange: (branch: BranchChoice | null) => void;
  /** data-testid of the input. */
  testId?: string;
}) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = idProp ?? generatedId;
  const listId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [text, setText] = useState(value?.name ?? '');
  const [shownId, setShownId] = useState(value?.id);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // A branch chosen from outside (a form loading a saved branch) shows its name.
  if (value?.id !== shownId) {
    setShownId(value?.id);
    if (value) setText(value.name);
  }
  const query = useDebounced(text.trim(), BRANCH_SEARCH_DEBOUNCE_MS);
  const results = useQuery({
    queryKey: ['public', 'branches', 'search', query],
    // Only once typing has paused: the words typed so far are what is searched.
    enabled: open && query === text.trim(),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/branches', {
          params: { query: { q: query || undefined, limit: RESULT_LIMIT } },
          signal,
        }),
      ),
  });
  const items = open ? (results.data ?? []) : [];
  const expanded = items.length > 0;
  const activeIndex = active < items.length ? active : -1;

  useEffect(() => {
    if (activeIndex < 0) return;
    document.getElementById(`${id}-option-${activeIndex}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [id, activeIndex]);

  const choose = (branch: BranchChoice) => {
    onChange(branch);
    setShownId(branch.id);
    setText(branch.name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(-1);
        } else if (results.isError) {
          void results.refetch();
        } else if (items.length > 0) {
          setActive((activeIndex + 1) % items.length);
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (items.length > 0) setActive(activeIndex <= 0 ? items.length - 1 : activeIndex - 1);
        break;
      case 'Enter': {
        const branch = activeIndex >= 0 ? items[activeIndex] : undefined;
        if (branch) {
          event.preventDefault();
          choose(branch);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        } else if (!value && text) {
          event.preventDefault();
          setText('');
        }
        break;
    }
  };

  const searching = open && (results.isPending || (results.isFetching && results.isPlaceholderData));
  const note = !open
    ? undefined
    : results.isError
      ? t('branchPicker.error')
      : searching && items.length === 0
        ? t('branchPicker.searching')
        : results.isSuccess && items.length === 0
          ? t('branchPicker.noResults')
          : undefined;
  const announcement = !open
    ? ''
    : (note ?? (results.isSuccess ? t('branchPicker.count', { count: items.length }) : ''));
  const describedBy =
    [hint && `${id}-hint`, value && `${id}-chosen`, error && `${id}-error`].filter(Boolean).join(' ') ||
    undefined;

  return (
    <div className="field branch-picker">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('branchPicker.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} className="branch-picker-list" hidden={!expanded}>
        {items.map((branch, index) => {
          const path = parentPath(branch);
          return (
            <li
              key={branch.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className="branch-picker-option"
              // Keep the focus in the input, so that choosing does not close the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(branch)}
            >
              <span className="branch-picker-name">{branch.name}</span>
              <span className="branch-picker-path">{path ? `${path} · ${branch.code}` : branch.code}</span>
            </li>
          );
        })}
      </ul>
      {note && (
        <div className="branch-picker-list branch-picker-note">
          {note}
          {results.isError && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => void results.refetch()}
              >
                {t('branchPicker.retry')}
              </button>
            </>
          )}
        </div>
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {value && (
        <span className="branch-picker-chosen" id={`${id}-chosen`}>
          {t('branchPicker.chosen', {
            branch: parentPath(value) ? `${value.name} (${parentPath(value)})` : value.name,
          })}
        </span>
      )}
      {error && (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
