import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { vnToday } from '../../lib/format';
import { PERIOD_KINDS, periodRange, type PeriodChoice, type PeriodKind } from './period';

function isKind(value: string | null): value is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(value ?? '');
}

/** The period of a report page, kept in the address (?period=7d or ?period=custom&from=…&to=…) so it can be shared. */
export function usePeriod(defaultKind: PeriodKind = '30d') {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const choice = useMemo<PeriodChoice>(
    () => ({
      kind: isKind(raw) ? raw : defaultKind,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
    }),
    [raw, params, defaultKind],
  );
  const today = vnToday();
  const resolved = useMemo(() => periodRange(choice, today), [choice, today]);
  const setChoice = useCallback(
    (next: PeriodChoice) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          copy.set('period', next.kind);
          if (next.kind === 'custom') {
            copy.set('from', next.from ?? '');
            copy.set('to', next.to ?? '');
          } else {
            copy.delete('from');
            copy.delete('to');
          }
          return copy;
        },
        { replace: true },
      ),
    [setParams],
  );
  return {
    choice,
    setChoice,
    today,
    range: 'range' in resolved ? resolved.range : undefined,
    problem: 'problem' in resolved ? resolved.problem : undefined,
  };
}
