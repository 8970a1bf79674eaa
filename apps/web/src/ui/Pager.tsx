import { useTranslation } from 'react-i18next';

/** Previous / next for a paged list, with "page 2 of 5". Hidden when everything fits on one page. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What the pages are of, for screen readers (defaults to "Pages"). */
  label?: string;
}) {
  const { t } = useTranslation('common');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="row pager" aria-label={label ?? t('pager.label')}>
      <button
        type="button"
        className="btn secondary small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('pager.previous')}
      </button>
      <span className="small muted" aria-live="polite">
        {t('pager.position', { page, pages })}
      </span>
      <button
        type="button"
        className="btn secondary small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
