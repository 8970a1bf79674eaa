import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import {
  PERIOD_KINDS,
  type PeriodChoice,
  type PeriodKind,
  type PeriodProblem,
  type PeriodRange,
} from './period';

/** Today / 7 days / 30 days / custom from–to (Vietnam days); says which days the figures cover. */
export function PeriodPicker({
  choice,
  onChange,
  range,
  problem,
  today,
}: {
  choice: PeriodChoice;
  onChange: (choice: PeriodChoice) => void;
  range: PeriodRange | undefined;
  problem: PeriodProblem | undefined;
  today: string;
}) {
  const { t, i18n } = useTranslation('farmer');
  const id = useId();
  const select = (kind: PeriodKind) =>
    onChange(
      kind === 'custom'
        ? { kind, from: choice.from ?? range?.from ?? today, to: choice.to ?? range?.to ?? today }
        : { kind },
    );
  return (
    <div className="period-picker">
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('reports.period.label')}</label>
        <select
          id={`${id}-kind`}
          data-testid="period"
          value={choice.kind}
          onChange={(event) => select(event.target.value as PeriodKind)}
        >
          {PERIOD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`reports.period.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {choice.kind === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('reports.period.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              max={today}
              value={choice.from ?? ''}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => onChange({ ...choice, from: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('reports.period.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              max={today}
              value={choice.to ?? ''}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => onChange({ ...choice, to: event.target.value })}
            />
          </div>
        </>
      )}
      <p className="small muted period-range" aria-live="polite" id={`${id}-problem`}>
        {problem ? (
          <span className="error-text">{t(`reports.period.problem.${problem}`)}</span>
        ) : range ? (
          range.from === range.to ? (
            t('reports.period.oneDay', { day: formatDate(range.from, i18n.language) })
          ) : (
            t('reports.period.range', {
              from: formatDate(range.from, i18n.language),
              to: formatDate(range.to, i18n.language),
            })
          )
        ) : null}
      </p>
    </div>
  );
}
