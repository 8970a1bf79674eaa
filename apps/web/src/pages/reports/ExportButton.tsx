import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/components';
import { downloadCsv } from './csv';

/** "Export CSV": the same report as the page, downloaded with the signed-in user's token. */
export function ExportButton({
  testId,
  path,
  query,
  fileName,
  disabled,
}: {
  testId: string;
  path: string;
  query: Record<string, string | number | undefined>;
  fileName: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const download = useMutation({ mutationFn: () => downloadCsv(path, query, fileName) });
  return (
    <span className="row">
      <button
        type="button"
        className="btn secondary"
        data-testid={testId}
        disabled={disabled || download.isPending}
        aria-busy={download.isPending}
        onClick={() => download.mutate()}
      >
        {t('actions.exportCsv')}
      </button>
      {download.isError && (
        <span className="error-text small" role="alert">
          {errorMessage(download.error)}
        </span>
      )}
    </span>
  );
}
