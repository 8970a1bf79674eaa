import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { documentUrl, type AssetView } from '../api/assets';
import { formatDateTime } from '../lib/format';
import { useErrorMessage } from './components';
import { Picture } from './Picture';

/**
 * The OCOP recognition decision as the farmer uploaded it: the scan (or a PDF's first page) to read at once, and a
 * short-lived signed link to the original (the PDF, or the full photo). Nothing uploaded is said plainly.
 */
export function CertificateViewer({
  document,
  productName,
  testId = 'certificate-viewer',
}: {
  document: AssetView | null | undefined;
  productName: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const link = useMutation({ mutationFn: () => documentUrl(document?.id ?? '') });
  if (!document) {
    return (
      <p className="alert warn small" data-testid={`${testId}-missing`}>
        {t('certificateViewer.none')}
      </p>
    );
  }
  const isPdf = document.document?.contentType === 'application/pdf';
  return (
    <figure className="certificate-viewer stack" data-testid={testId} data-status={document.status}>
      {document.status === 'processing' ? (
        <p className="small muted">{t('uploads.processing')}</p>
      ) : document.status === 'failed' ? (
        <p className="alert small">{t('certificateViewer.failed')}</p>
      ) : (
        <Picture
          image={document.image}
          alt={t('certificateViewer.alt', { name: productName })}
          sizes="(min-width: 900px) 420px, 92vw"
          name={productName}
          kind="document"
          aspect={document.image ? `${document.image.width} / ${document.image.height}` : '3 / 4'}
          className="certificate-page"
          testId={`${testId}-image`}
        />
      )}
      <figcaption className="stack">
        <span className="small muted">
          {isPdf
            ? t('certificateViewer.pdf', { count: document.document?.pageCount ?? 1 })
            : t('certificateViewer.photo')}
        </span>
        {link.data ? (
          <span className="row">
            <a
              className="btn secondary small"
              href={link.data.url}
              target="_blank"
              rel="noopener noreferrer"
              data-testid={`${testId}-original`}
            >
              {isPdf ? t('certificateViewer.openPdf') : t('certificateViewer.openOriginal')}
            </a>
            <span className="small muted">
              {t('certificateViewer.linkValid', { time: formatDateTime(link.data.expiresAt, i18n.language) })}
            </span>
          </span>
        ) : (
          <button
            type="button"
            className="btn secondary small"
            data-testid={`${testId}-link`}
            disabled={link.isPending || document.status !== 'ready'}
            onClick={() => link.mutate()}
          >
            {isPdf ? t('certificateViewer.getPdf') : t('certificateViewer.getOriginal')}
          </button>
        )}
        {link.isError && (
          <span className="small error-text" role="alert">
            {errorMessage(link.error)}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
