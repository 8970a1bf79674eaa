import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { CameraPanel } from './camera';
import { ConfirmDialog } from './ConfirmDialog';
import { studioKeys, type SessionDetail } from './studio-api';
import { coverOf } from '../../lib/media';
import { Picture } from '../../ui/Picture';

/**
 * How the video gets on air: the slot for the video features. A session that links a stream hosted elsewhere
 * shows that link; otherwise the host or co-host gets the RTMP server and secret key from the api (hidden until
 * asked for, with copy buttons) to paste into OBS or a phone app.
 */
export function StreamPanel({ session, canHost }: { session: SessionDetail; canHost: boolean }) {
  const { t } = useTranslation('studio');
  const playback = session.playback;
  const external = playback?.kind === 'external' ? playback : undefined;
  return (
    <section className="card stack" aria-labelledby="stream-title" data-testid="stream-panel">
      <h2 id="stream-title">{t('stream.title')}</h2>
      {coverOf(session) ? (
        <Picture
          image={coverOf(session)}
          alt={t('stream.coverAlt', { title: session.title })}
          sizes="(min-width: 900px) 320px, 90vw"
          name={session.title}
          kind="session"
          aspect="16 / 9"
          className="cover studio-cover-small"
        />
      ) : null}
      {external ? (
        <div className="stack">
          <p>{t('stream.externalText', { provider: t(`stream.providers.${external.provider}`) })}</p>
          <a href={external.url} target="_blank" rel="noreferrer" className="studio-break">
            {external.url}
          </a>
          <p className="small muted">{t('stream.externalHint')}</p>
        </div>
      ) : canHost && (session.status === 'scheduled' || session.status === 'live') ? (
        <StreamKey sessionId={session.id} />
      ) : (
        <p className="muted small">{t('stream.none')}</p>
      )}
    </section>
  );
}

function StreamKey({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState<string | undefined>();
  const [confirmRotate, setConfirmRotate] = useState(false);
  const settings = useQuery({
    queryKey: studioKeys.stream(sessionId),
    queryFn: async () =>
      unwrap(await api.GET('/api/sessions/{id}/stream', { params: { path: { id: sessionId } } })),
    refetchInterval: 10_000,
  });
  const rotate = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/sessions/{id}/stream-key/rotate', { params: { path: { id: sessionId } } })),
    onSuccess: (data) => {
      queryClient.setQueryData(studioKeys.stream(sessionId), data);
      setConfirmRotate(false);
      setRevealed(false);
    },
  });
  const copy = async (label: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(label);
    } catch {
      setCopied(undefined);
    }
  };

  if (settings.isPending) return <Spinner />;
  if (settings.isError) return <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data;
  return (
    <div className="stack">
      <p>
        <span className={data.publishing ? 'badge live' : 'badge warn'} role="status">
          {data.publishing ? t('stream.publishing') : t('stream.notPublishing')}
        </span>
      </p>
      <CameraPanel ingestUrl={data.browserIngestUrl} />
      <p className="small muted">{t('stream.obsHint')}</p>
      <dl className="studio-dl">
        <dt>{t('stream.server')}</dt>
        <dd>
          <code className="studio-break">{data.rtmpUrl}</code>
          <button
            type="button"
            className="btn small secondary"
            onClick={() => void copy('server', data.rtmpUrl)}
          >
            {t('stream.copy')}
            <span className="visually-hidden"> {t('stream.server')}</span>
          </button>
        </dd>
        <dt>{t('stream.key')}</dt>
        <dd>
          <code className="studio-break">{revealed ? data.streamKey : '••••••••••••'}</code>
          <button
            type="button"
            className="btn small secondary"
            onClick={() => setRevealed((value) => !value)}
          >
            {revealed ? t('stream.hide') : t('stream.show')}
          </button>
          <button
            type="button"
            className="btn small secondary"
            onClick={() => void copy('key', data.streamKey)}
          >
            {t('stream.copy')}
            <span className="visually-hidden"> {t('stream.key')}</span>
          </button>
        </dd>
      </dl>
      <p className="small muted">
        {t('stream.keyCreated', { at: formatDateTime(data.keyCreatedAt, i18n.language) })} ·{' '}
        {t('stream.keySecret')}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {copied ? t('stream.copied') : ''}
      </p>
      {copied ? <p className="small">{t('stream.copied')}</p> : null}
      <button type="button" className="btn small secondary" onClick={() => setConfirmRotate(true)}>
        {t('stream.rotate')}
      </button>
      {confirmRotate ? (
        <ConfirmDialog
          title={t('stream.rotateTitle')}
          confirmLabel={t('stream.rotateConfirm')}
          busy={rotate.isPending}
          danger
          onConfirm={() => rotate.mutate()}
          onCancel={() => setConfirmRotate(false)}
        >
          <p>{t('stream.rotateText')}</p>
          {rotate.isError ? (
            <p className="alert" role="alert">
              {errorMessage(rotate.error)}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
