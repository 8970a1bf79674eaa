import { useTranslation } from 'react-i18next';

/** Previous / next for a paged list, with "page 2 of 5". Hidden when everything fits on one page. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('farmer');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="row" aria-label={t('reports.pager.label')}>
      <button
        type="button"
        className="btn secondary small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('reports.pager.previous')}
      </button>
      <span className="small muted">{t('reports.pager.position', { page, pages })}</span>
      <button
        type="button"
        className="btn secondary small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('reports.pager.next')}
      </button>
    </nav>
  );
}
