import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner, Stars, useErrorMessage } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { studioKeys, useSessionDetail, type Product, type SessionDetail } from './studio-api';
import { isoToVnLocal, startBounds, startError, vnLocalToIso } from './studio-logic';
import { coverOf, photosOf } from '../../lib/media';
import { Picture } from '../../ui/Picture';
import { SingleUpload } from '../../ui/uploads/UploadParts';
import { itemOf, readyIds, useUploadTray } from '../../ui/uploads/use-uploads';
import './studio.css';
import { ArrowDownIcon, ArrowLeftIcon, ArrowUpIcon } from '../../ui/icons';

const LINEUP_MAX = 50;
const LIMIT_MAX = 99;

/** A product picked for the lineup, with what the form shows of it and its per-buyer limit (blank: none). */
interface Pick {
  productId: string;
  name: string;
  priceVnd: number;
  stock: number;
  stars: number;
  limit: string;
}

export function SessionFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('studio');
  const detail = useSessionDetail(id);
  if (!id) return <SessionForm />;
  if (detail.isPending) return <Spinner />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.data.status !== 'scheduled') {
    return (
      <div className="stack studio studio-narrow">
        <h1>{t('form.editTitle')}</h1>
        <p className="alert warn" role="alert">
          {t('errors.SESSION_NOT_EDITABLE')}
        </p>
        <Link to={`/studio/sessions/${id}`}>{t('nav.backToSession')}</Link>
      </div>
    );
  }
  return <SessionForm key={detail.data.id} existing={detail.data} />;
}

function picksOf(session: SessionDetail): Pick[] {
  return session.lineupProducts.map((card) => ({
    productId: card.productId,
    name: card.name,
    priceVnd: card.priceVnd,
    stock: card.stock,
    stars: card.stars,
    limit: card.perBuyerLimit === null ? '' : String(card.perBuyerLimit),
  }));
}

function limitError(limit: string): boolean {
  if (limit.trim() === '') return false;
  const value = Number(limit);
  return !Number.isInteger(value) || value < 1 || value > LIMIT_MAX;
}

function SessionForm({ existing }: { existing?: SessionDetail }) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formId = useId();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [start, setStart] = useState(existing ? isoToVnLocal(existing.scheduledStartAt) : '');
  const existingCover = existing ? coverOf(existing) : null;
  const coverTray = useUploadTray('session-cover', existingCover ? [itemOf(existingCover)] : []);
  const existingExternal = existing?.playback?.kind === 'external' ? existing.playback.url : '';
  const [external, setExternal] = useState(existingExternal);
  const [picks, setPicks] = useState<Pick[]>(existing ? picksOf(existing) : []);
  const [showErrors, setShowErrors] = useState(false);
  const bounds = startBounds();

  const titleError = title.trim().length === 0 ? t('form.errors.titleRequired') : undefined;
  const startProblem = startError(start);
  const startMessage = startProblem ? t(`form.errors.start.${startProblem}`) : undefined;
  const lineupError = picks.length === 0 ? t('form.errors.lineupRequired') : undefined;
  const badLimit = picks.some((pick) => limitError(pick.limit));
  const externalError =
    external.trim() && !/^https:\/\/\S+$/i.test(external.trim()) ? t('form.errors.httpsUrl') : undefined;
  const valid = !titleError && !startMessage && !lineupError && !badLimit && !externalError;

  const save = useMutation({
    mutationFn: async () => {
      const scheduledStartAt = vnLocalToIso(start) ?? '';
      const perBuyerLimits = picks.map((pick) => ({
        productId: pick.productId,
        perBuyerLimit: pick.limit.trim() === '' ? null : Number(pick.limit),
      }));
      const lineup = picks.map((pick) => pick.productId);
      // A cover still uploading is waited for (the rest of the form never was); a new one is sent by its asset id.
      await coverTray.settled();
      const [coverId] = readyIds(coverTray.items).slice(-1);
      const coverPart: { coverAssetId?: string } =
        coverId && coverId !== existingCover?.id ? { coverAssetId: coverId } : {};
      if (existing) {
        const body: Schema<'UpdateSessionRequest'> = {
          title: title.trim(),
          description: description.trim(),
          scheduledStartAt,
          lineup,
          perBuyerLimits,
          ...coverPart,
          ...(external.trim() !== existingExternal
            ? { externalStreamUrl: external.trim() === '' ? null : external.trim() }
            : {}),
        };
        return unwrap(await api.PATCH('/api/sessions/{id}', { params: { path: { id: existing.id } }, body }));
      }
      const body: Schema<'CreateSessionRequest'> = {
        title: title.trim(),
        scheduledStartAt,
        lineup,
        perBuyerLimits: perBuyerLimits.filter((limit) => limit.perBuyerLimit !== null),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...coverPart,
        ...(external.trim() ? { externalStreamUrl: external.trim() } : {}),
      };
      return unwrap(await api.POST('/api/sessions', { body }));
    },
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: studioKeys.mySessions });
      void queryClient.invalidateQueries({ queryKey: studioKeys.session(session.id) });
      void navigate(`/studio/sessions/${session.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (valid) save.mutate();
  };

  const toggle = (product: Product) => {
    setPicks((current) =>
      current.some((pick) => pick.productId === product.id)
        ? current.filter((pick) => pick.productId !== product.id)
        : current.length >= LINEUP_MAX
          ? current
          : [
              ...current,
              {
                productId: product.id,
                name: product.name,
                priceVnd: product.priceVnd,
                stock: product.stock,
                stars: product.certificate.stars,
                limit: '',
              },
            ],
    );
  };
  const move = (index: number, by: -1 | 1) =>
    setPicks((current) => {
      const next = [...current];
      const target = index + by;
      if (target < 0 || target >= next.length) return current;
      [next[index], next[target]] = [next[target], next[index]];
      return next;
    });

  const shown = (message: string | undefined) => (showErrors ? message : undefined);

  return (
    <div className="stack studio studio-narrow">
      <p>
        <Link to={existing ? `/studio/sessions/${existing.id}` : '/studio'}>
          <ArrowLeftIcon /> {existing ? t('nav.backToSession') : t('nav.backToStudio')}
        </Link>
      </p>
      <h1>{existing ? t('form.editTitle') : t('form.newTitle')}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <section className="card stack" aria-labelledby={`${formId}-about`}>
          <h2 id={`${formId}-about`}>{t('form.about')}</h2>
          <Field
            id={`${formId}-title`}
            label={t('form.title')}
            hint={t('form.titleHint')}
            error={shown(titleError)}
          >
            <input
              id={`${formId}-title`}
              data-testid="session-title"
              value={title}
              maxLength={120}
              onChange={(event) => setTitle(event.target.value)}
              aria-invalid={showErrors && titleError ? true : undefined}
              aria-describedby={`${formId}-title-hint`}
              required
            />
          </Field>
          <Field id={`${formId}-description`} label={t('form.description')} hint={t('form.descriptionHint')}>
            <textarea
              id={`${formId}-description`}
              rows={3}
              maxLength={2000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              aria-describedby={`${formId}-description-hint`}
            />
          </Field>
          <Field
            id={`${formId}-start`}
            label={t('form.start')}
            hint={t('form.startHint')}
            error={shown(startMessage)}
          >
            <input
              id={`${formId}-start`}
              data-testid="session-start"
              type="datetime-local"
              value={start}
              min={bounds.min}
              max={bounds.max}
              onChange={(event) => setStart(event.target.value)}
              aria-invalid={showErrors && startMessage ? true : undefined}
              aria-describedby={`${formId}-start-hint`}
              required
            />
          </Field>
          <SingleUpload
            tray={coverTray}
            name={title || t('form.cover')}
            kind="session"
            title={t('form.cover')}
            hint={t('form.coverHint')}
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
            testId="session-cover-upload"
            aspect="16 / 9"
          />
          <Field
            id={`${formId}-external`}
            label={t('form.external')}
            hint={t('form.externalHint')}
            error={shown(externalError)}
          >
            <input
              id={`${formId}-external`}
              type="url"
              inputMode="url"
              value={external}
              onChange={(event) => setExternal(event.target.value)}
              aria-invalid={showErrors && externalError ? true : undefined}
              aria-describedby={`${formId}-external-hint`}
              placeholder="https://"
            />
          </Field>
        </section>

        <LineupPicker picks={picks} onToggle={toggle} />

        <section className="card stack" aria-labelledby={`${formId}-chosen`}>
          <h2 id={`${formId}-chosen`}>
            {t('form.chosen')}{' '}
            <span className="muted small">
              ({picks.length}/{LINEUP_MAX})
            </span>
          </h2>
          {picks.length === 0 ? (
            <p className={showErrors ? 'alert' : 'muted'} role={showErrors ? 'alert' : undefined}>
              {lineupError}
            </p>
          ) : (
            <ol className="studio-list">
              {picks.map((pick, index) => (
                <li key={pick.productId} className="studio-pick">
                  <div className="spread">
                    <strong>
                      {index + 1}. {pick.name}
                    </strong>
                    <span className="price">{formatVnd(pick.priceVnd)}</span>
                  </div>
                  <p className="muted small">
                    <Stars count={pick.stars} /> ·{' '}
                    {t('form.inStock', { count: pick.stock, n: formatNumber(pick.stock) })}
                  </p>
                  <div className="row">
                    <Field
                      id={`${formId}-limit-${pick.productId}`}
                      label={t('form.limit')}
                      error={limitError(pick.limit) ? t('form.errors.limit', { max: LIMIT_MAX }) : undefined}
                    >
                      <input
                        id={`${formId}-limit-${pick.productId}`}
                        className="studio-limit"
                        inputMode="numeric"
                        value={pick.limit}
                        placeholder={t('form.noLimit')}
                        aria-invalid={limitError(pick.limit) ? true : undefined}
                        onChange={(event) =>
                          setPicks((current) =>
                            current.map((item) =>
                              item.productId === pick.productId
                                ? { ...item, limit: event.target.value }
                                : item,
                            ),
                          )
                        }
                      />
                    </Field>
                    <div className="row studio-pick-actions">
                      <button
                        type="button"
                        className="btn small secondary"
                        onClick={() => move(index, -1)}
                        disabled={index === 0}
                        aria-label={t('form.moveUp', { name: pick.name })}
                      >
                        <ArrowUpIcon />
                      </button>
                      <button
                        type="button"
                        className="btn small secondary"
                        onClick={() => move(index, 1)}
                        disabled={index === picks.length - 1}
                        aria-label={t('form.moveDown', { name: pick.name })}
                      >
                        <ArrowDownIcon />
                      </button>
                      <button
                        type="button"
                        className="btn small secondary"
                        onClick={() =>
                          setPicks((current) => current.filter((item) => item.productId !== pick.productId))
                        }
                      >
                        {t('form.remove')}
                        <span className="visually-hidden"> {pick.name}</span>
                      </button>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        {showErrors && !valid ? (
          <p className="alert" role="alert">
            {t('form.errors.fix')}
          </p>
        ) : null}
        {save.isError ? (
          <p className="alert" role="alert">
            {errorMessage(save.error)}
          </p>
        ) : null}
        <button type="submit" className="btn block" data-testid="session-create" disabled={save.isPending}>
          {save.isPending ? t('form.saving') : existing ? t('form.saveChanges') : t('form.create')}
        </button>
      </form>
    </div>
  );
}

/** Search the catalogue and tick the products of the lineup (only sellable ones can be ticked). */
function LineupPicker({ picks, onToggle }: { picks: Pick[]; onToggle: (product: Product) => void }) {
  const { t } = useTranslation('studio');
  const formId = useId();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const q = useDeferredValue(query.trim());
  const products = useQuery({
    queryKey: ['public', 'products', { q, page, pageSize: 20 }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/products', { params: { query: { ...(q ? { q } : {}), page, pageSize: 20 } } }),
      ),
    placeholderData: (previous) => previous,
  });
  const chosen = new Set(picks.map((pick) => pick.productId));

  return (
    <section className="card stack" aria-labelledby={`${formId}-lineup`}>
      <h2 id={`${formId}-lineup`}>{t('form.lineup')}</h2>
      <p className="muted small">{t('form.lineupHint')}</p>
      <Field id={`${formId}-search`} label={t('form.search')}>
        <input
          id={`${formId}-search`}
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(1);
          }}
          placeholder={t('form.searchPlaceholder')}
        />
      </Field>
      {products.isPending ? (
        <Spinner />
      ) : products.isError ? (
        <ErrorBox error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.items.length === 0 ? (
        <Empty>{t('form.noProducts')}</Empty>
      ) : (
        <fieldset>
          <legend className="visually-hidden">{t('form.lineup')}</legend>
          <ul className="studio-list" aria-live="polite">
            {products.data.items.map((product) => {
              const inputId = `${formId}-p-${product.id}`;
              const disabled = !product.sellable || product.stock <= 0;
              return (
                <li key={product.id} className="studio-option">
                  <input
                    id={inputId}
                    type="checkbox"
                    data-testid="lineup-option"
                    data-product-id={product.id}
                    checked={chosen.has(product.id)}
                    disabled={disabled && !chosen.has(product.id)}
                    onChange={() => onToggle(product)}
                  />
                  <Picture
                    image={photosOf(product)[0]}
                    alt=""
                    sizes="56px"
                    name={product.name}
                    kind="product"
                    aspect="1 / 1"
                    className="studio-thumb"
                  />
                  <label htmlFor={inputId}>
                    <span className="studio-option-name">{product.name}</span>
                    <span className="small muted">
                      {product.producer.name} · <Stars count={product.certificate.stars} />
                    </span>
                    <span className="small">
                      <span className="price">{formatVnd(product.priceVnd)}</span> ·{' '}
                      {t('form.inStock', { count: product.stock, n: formatNumber(product.stock) })}
                      {!product.sellable ? (
                        <span className="badge danger">{t('form.notSellable')}</span>
                      ) : null}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {products.data ? (
        <Pager page={page} pageSize={products.data.pageSize} total={products.data.total} onPage={setPage} />
      ) : null}
    </section>
  );
}
