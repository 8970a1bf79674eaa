import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../../api/client';
import { Field } from '../../../ui/components';
import { exactUnit, searchUnits } from './fold';
import './cart.css';

export type WardOption = Schema<'WardResponse'>;

/** A province's communes and wards since 1 July 2025 (GET /api/provinces/{code}/wards), read once per visit. */
export function useWards(province: string) {
  return useQuery({
    queryKey: ['public', 'wards', province],
    enabled: province !== '',
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/provinces/{code}/wards', { params: { path: { code: province } }, signal })),
  });
}

/**
 * The commune or ward, picked from the province's official list: typing filters it without caring for diacritics
 * ("bat trang" finds "Xã Bát Tràng"); a name typed in full is taken as the unit it names. The value is the unit's
 * official name (the server checks it belongs to the province).
 */
export function WardPicker({
  id,
  province,
  value,
  onChange,
  error,
  invalid,
}: {
  id: string;
  province: string;
  value: string;
  onChange: (name: string) => void;
  error?: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation('cart');
  const wards = useWards(province);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const units = useMemo(() => wards.data ?? [], [wards.data]);
  const matches = useMemo(() => searchUnits(units, value, 8), [units, value]);
  const picked = exactUnit(units, value);
  const expanded = open && province !== '' && matches.length > 0 && picked?.name !== value;

  function choose(ward: WardOption) {
    onChange(ward.name);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && expanded) {
      const ward = matches[active];
      if (ward) {
        event.preventDefault();
        choose(ward);
      }
    } else if (event.key === 'Escape' && expanded) {
      event.stopPropagation();
      setOpen(false);
    }
  }

  const hint = province === '' ? t('ward.chooseProvinceFirst') : t('ward.hint');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const optionId = (i: number) => `${listId}-o${i}`;

  return (
    <Field id={id} label={t('ward.label')} hint={hint} error={error}>
      <div className="ward-picker">
        <input
          id={id}
          data-testid={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-busy={wards.isFetching}
          disabled={province === ''}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            // A name typed in full becomes the unit's official name.
            const exact = exactUnit(units, value);
            if (exact && exact.name !== value) onChange(exact.name);
            setOpen(false);
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          id={listId}
          role="listbox"
          className="ward-options"
          hidden={!expanded}
          aria-label={t('ward.label')}
        >
          {expanded &&
            matches.map((ward, i) => (
              <li
                key={ward.code}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                data-testid="ward-option"
                className="ward-option"
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(ward);
                }}
              >
                {ward.name}
              </li>
            ))}
        </ul>
        {province !== '' && wards.isSuccess && value.trim() !== '' && matches.length === 0 && (
          <p className="small muted" role="status">
            {t('ward.noMatch')}
          </p>
        )}
        {wards.isError && (
          <p className="small error" role="alert">
            {t('ward.loadFailed')}{' '}
            <button type="button" className="btn small secondary" onClick={() => void wards.refetch()}>
              {t('ward.retry')}
            </button>
          </p>
        )}
      </div>
    </Field>
  );
}

/** Whether a ward value names a unit of the loaded list (the sheet's own check before sending). */
export function isKnownWard(units: readonly WardOption[] | undefined, value: string): boolean {
  return units === undefined ? value.trim().length > 0 : exactUnit(units, value) !== undefined;
}
