import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Picture, PictureFallback, type PictureKind } from '../Picture';
import type { TrayItem, UploadTray } from './use-uploads';
import './uploads.css';
import { ArrowLeftIcon, ArrowRightIcon, CloseIcon, StarIcon } from '../icons';

/** The message for an upload's code: the api's own message key, else a generic line. */
function useUploadError(): (code: string | null) => string {
  const { t, i18n } = useTranslation();
  return (code) => {
    if (!code) return '';
    for (const ns of ['farmer', 'common'])
      if (i18n.exists(`${ns}:errors.${code}`)) return t(`${ns}:errors.${code}`);
    return t('uploads.failedCode', { code });
  };
}

/**
 * "Take a photo" (the camera, on a phone) and "Choose from the gallery": two labelled buttons over hidden file
 * inputs, each at least 44 px tall. `accept` lists the types the api takes.
 */
export function PickFiles({
  accept,
  multiple = false,
  camera = true,
  disabled = false,
  onFiles,
  testId,
  galleryLabel,
}: {
  accept: string;
  multiple?: boolean;
  camera?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  testId: string;
  galleryLabel?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const take = (list: FileList | null, input: HTMLInputElement) => {
    if (list && list.length > 0) onFiles([...list]);
    input.value = '';
  };
  return (
    <div className="pick-files row">
      {camera && (
        <label className={disabled ? 'btn secondary disabled' : 'btn secondary'} htmlFor={`${id}-camera`}>
          {t('uploads.camera')}
          <input
            id={`${id}-camera`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={disabled}
            data-testid={`${testId}-camera`}
            onChange={(event) => take(event.target.files, event.target)}
          />
        </label>
      )}
      <label className={disabled ? 'btn secondary disabled' : 'btn secondary'} htmlFor={`${id}-gallery`}>
        {galleryLabel ?? t('uploads.gallery')}
        <input
          id={`${id}-gallery`}
          className="visually-hidden"
          type="file"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          data-testid={`${testId}-input`}
          onChange={(event) => take(event.target.files, event.target)}
        />
      </label>
    </div>
  );
}

/** Where an item stands: a progress bar while sending, then processing, then ready; or why it stopped. */
function ItemStatus({ item, onRetry }: { item: TrayItem; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorOf = useUploadError();
  const percent = Math.round(item.progress * 100);
  if (item.phase === 'sending') {
    return (
      <div className="upload-status">
        <progress max={100} value={percent} aria-label={t('uploads.progressOf', { name: item.fileName })} />
        <span className="small">
          {item.retrying > 0 ? t('uploads.retrying', { percent }) : t('uploads.sending', { percent })}
        </span>
      </div>
    );
  }
  if (item.phase === 'processing') return <span className="small muted">{t('uploads.processing')}</span>;
  if (item.phase === 'failed' || item.phase === 'stopped') {
    return (
      <div className="upload-status">
        <span className="small error-text" role="alert">
          {errorOf(item.errorCode)}
        </span>
        {item.retryable && (
          <button type="button" className="btn small secondary" onClick={onRetry}>
            {t('uploads.retry')}
          </button>
        )}
      </div>
    );
  }
  return null;
}

/** The picture of an item: the processed image, else the phone's own preview of the file, else the fallback. */
function ItemPicture({ item, name, kind }: { item: TrayItem; name: string; kind: PictureKind }) {
  if (item.image) {
    return (
      <Picture
        image={item.image}
        alt=""
        sizes="(min-width: 900px) 160px, 30vw"
        name={name}
        kind={kind}
        aspect="1 / 1"
      />
    );
  }
  if (item.preview) {
    return (
      <span className="picture loaded" style={{ aspectRatio: '1 / 1' }}>
        <img src={item.preview} alt="" />
      </span>
    );
  }
  return <PictureFallback name={item.fileName || name} kind={kind} alt="" style={{ aspectRatio: '1 / 1' }} />;
}

/**
 * A product's photos: up to `max`, the first is the cover; each can move earlier or later, become the cover, or go.
 * New ones upload in the background with their progress shown.
 */
export function PhotoTray({
  tray,
  max,
  name,
  title,
  hint,
  testId,
  footer,
}: {
  tray: UploadTray;
  max: number;
  name: string;
  title: string;
  hint: string;
  testId: string;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState('');
  const headingId = useId();
  const full = tray.items.length >= max;
  return (
    <section className="stack photo-tray" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>{title}</h3>
      <p className="small muted">{hint}</p>
      {tray.items.length > 0 && (
        <ol className="tray-grid">
          {tray.items.map((item, index) => (
            <li key={item.key} className="tray-item" data-testid={`${testId}-item`} data-phase={item.phase}>
              <div className="tray-picture">
                <ItemPicture item={item} name={name} kind="product" />
                {index === 0 && <span className="badge tray-cover">{t('uploads.cover')}</span>}
              </div>
              <ItemStatus item={item} onRetry={() => tray.retry(item.key)} />
              <div className="tray-actions">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('uploads.moveEarlier', { n: index + 1 })}
                  disabled={index === 0}
                  onClick={() => tray.move(item.key, -1)}
                >
                  <ArrowLeftIcon />
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('uploads.makeCover', { n: index + 1 })}
                  disabled={index === 0}
                  onClick={() => tray.move(item.key, -index)}
                >
                  <StarIcon />
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('uploads.moveLater', { n: index + 1 })}
                  disabled={index === tray.items.length - 1}
                  onClick={() => tray.move(item.key, 1)}
                >
                  <ArrowRightIcon />
                </button>
                <button
                  type="button"
                  className="icon-btn danger"
                  aria-label={t('uploads.remove', { n: index + 1 })}
                  onClick={() => tray.remove(item.key)}
                >
                  <CloseIcon />
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <PickFiles
        accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
        multiple
        disabled={full}
        testId={testId}
        onFiles={(files) => {
          const left = tray.add(files);
          setNotice(left > 0 ? t('uploads.tooMany', { max }) : '');
        }}
      />
      <p className="small" aria-live="polite">
        {notice ||
          (full ? t('uploads.full', { max }) : t('uploads.count', { count: tray.items.length, max }))}
      </p>
      {footer}
    </section>
  );
}

/**
 * One file: a producer's logo, a session's cover, or a certificate (a photo or a PDF): its picture, its progress,
 * and a button to replace it.
 */
export function SingleUpload({
  tray,
  name,
  kind,
  title,
  hint,
  accept,
  testId,
  aspect = '1 / 1',
  children,
}: {
  tray: UploadTray;
  name: string;
  kind: PictureKind;
  title: string;
  hint: string;
  accept: string;
  testId: string;
  aspect?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const item = tray.items[tray.items.length - 1];
  return (
    <section className="stack single-upload" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>{title}</h3>
      <p className="small muted">{hint}</p>
      {item && (
        <div className="single-item" data-testid={`${testId}-item`} data-phase={item.phase}>
          <div className="single-picture" style={{ aspectRatio: aspect }}>
            {item.image ? (
              <Picture
                image={item.image}
                alt=""
                sizes="(min-width: 900px) 320px, 90vw"
                name={name}
                kind={kind}
                aspect={aspect}
              />
            ) : item.preview ? (
              <span className="picture loaded" style={{ aspectRatio: aspect }}>
                <img src={item.preview} alt="" />
              </span>
            ) : (
              <PictureFallback
                name={item.fileName || name}
                kind={kind}
                alt=""
                style={{ aspectRatio: aspect }}
              />
            )}
          </div>
          {item.fileName && <p className="small muted">{item.fileName}</p>}
          <ItemStatus item={item} onRetry={() => tray.retry(item.key)} />
        </div>
      )}
      {children}
      <PickFiles
        accept={accept}
        testId={testId}
        galleryLabel={item ? t('uploads.replace') : undefined}
        onFiles={(files) => {
          for (const old of tray.items) tray.remove(old.key);
          tray.add(files.slice(0, 1));
        }}
      />
    </section>
  );
}
