import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { formatDate, formatNumber, vnToday } from '../../lib/format';
import { OCOP_GROUPS, OCOP_STARS, type OcopGroup, type OcopStars } from '../../lib/ocop';
import { ErrorBox, Field, Spinner } from '../../ui/components';
import { certificateExpiresOn, DECISION_NUMBER, parseStockDelta, parseVnd } from './certificate';
import { CertificateWarning, StatusBadge, StatusReason, SubmitButton } from './ProductParts';
import {
  attachMedia,
  ProductMediaCard,
  ProductMediaFields,
  useProductMedia,
  type ProductMediaTrays,
} from './ProductMedia';
import { ArrowLeftIcon } from '../../ui/icons';

type Product = Schema<'ProductResponse'>;
type Group = OcopGroup;
type StarCount = OcopStars;

interface FormValues {
  name: string;
  description: string;
  group: Group;
  price: string;
  stock: string;
  stars: StarCount;
  decisionNumber: string;
  issuingBody: string;
  signedOn: string;
}

const EMPTY: FormValues = {
  name: '',
  description: '',
  group: 'food',
  price: '',
  stock: '0',
  stars: 3,
  decisionNumber: '',
  issuingBody: '',
  signedOn: '',
};

function valuesOf(product: Product): FormValues {
  return {
    name: product.name,
    description: product.description,
    group: product.group,
    price: String(product.priceVnd),
    stock: String(product.stock),
    stars: product.certificate.stars,
    decisionNumber: product.certificate.decisionNumber,
    issuingBody: product.certificate.issuingBody,
    signedOn: product.certificate.signedOn,
  };
}

type Problems = Partial<
  Record<'name' | 'price' | 'stock' | 'decisionNumber' | 'issuingBody' | 'signedOn', string>
>;

export function NewProductPage() {
  const { t } = useTranslation('farmer');
  const media = useProductMedia();
  return (
    <div className="stack">
      <Link to="/farmer">
        <ArrowLeftIcon /> {t('products.backToList')}
      </Link>
      <h1>{t('form.newTitle')}</h1>
      <ProductForm media={media} />
    </div>
  );
}

export function EditProductPage() {
  const { t } = useTranslation('farmer');
  const { id = '' } = useParams();
  const product = useQuery({
    queryKey: ['farmer', 'product', id],
    queryFn: async () => unwrap(await api.GET('/api/products/{id}', { params: { path: { id } } })),
  });
  return (
    <div className="stack">
      <Link to="/farmer">
        <ArrowLeftIcon /> {t('products.backToList')}
      </Link>
      {product.isPending ? (
        <Spinner />
      ) : product.isError ? (
        <ErrorBox error={product.error} onRetry={() => void product.refetch()} />
      ) : (
        <>
          <div className="area-header">
            <h1>{product.data.name}</h1>
            <StatusBadge product={product.data} />
          </div>
          <StatusReason product={product.data} />
          <CertificateWarning product={product.data} />
          <SubmitButton product={product.data} block />
          <ProductMediaCard key={product.data.id} product={product.data} />
          <StockCard product={product.data} />
          <section className="card stack" aria-labelledby="product-edit-title">
            <h2 id="product-edit-title">{t('form.editTitle')}</h2>
            <ProductForm key={product.data.updatedAt} product={product.data} />
          </section>
        </>
      )}
    </div>
  );
}

/**
 * The product's details and certificate. A new product also takes its photos and certificate document here: they
 * upload while the farmer types, and are attached once the product exists (saving waits for the last ones).
 */
function ProductForm({ product, media }: { product?: Product; media?: ProductMediaTrays }) {
  const { t, i18n } = useTranslation('farmer');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(product ? valuesOf(product) : EMPTY);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setSaved(false);
    setValues((current) => ({ ...current, [key]: value }));
  };

  const certificateChanged =
    !!product &&
    (values.stars !== product.certificate.stars ||
      values.decisionNumber.trim() !== product.certificate.decisionNumber ||
      values.issuingBody.trim() !== product.certificate.issuingBody ||
      values.signedOn !== product.certificate.signedOn);

  const save = useMutation({
    mutationFn: async (input: { priceVnd: number; stock: number }) => {
      const certificate = {
        stars: values.stars,
        decisionNumber: values.decisionNumber.trim(),
        issuingBody: values.issuingBody.trim(),
        signedOn: values.signedOn,
      };
      if (!product) {
        const created = unwrap(
          await api.POST('/api/products', {
            body: {
              name: values.name.trim(),
              description: values.description.trim(),
              group: values.group,
              priceVnd: input.priceVnd,
              stock: input.stock,
              certificate,
            },
          }),
        );
        if (!media) return created;
        setFinishing(true);
        try {
          return (await attachMedia(created.id, media)) ?? created;
        } catch {
          // The product exists: its page shows the photos to add again.
          return created;
        }
      }
      return unwrap(
        await api.PATCH('/api/products/{id}', {
          params: { path: { id: product.id } },
          body: {
            name: values.name.trim(),
            description: values.description.trim(),
            group: values.group,
            priceVnd: input.priceVnd,
            ...(certificateChanged ? { certificate } : {}),
          },
        }),
      );
    },
    onSuccess: (result) => {
      queryClient.setQueryData(['farmer', 'product', result.id], result);
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'products'] });
      if (!product) navigate(`/farmer/products/${result.id}`, { replace: true });
      else setSaved(true);
    },
  });

  // The api's validation names the fields it refused (certificate.decisionNumber, priceVnd, ...): show each
  // beside its input rather than one line for the whole form.
  useEffect(() => {
    const error = save.error;
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return;
    const fields = (error.details as { fields?: { field: string }[] } | undefined)?.fields ?? [];
    const byField: Record<string, keyof Problems> = {
      name: 'name',
      priceVnd: 'price',
      stock: 'stock',
      decisionNumber: 'decisionNumber',
      issuingBody: 'issuingBody',
      signedOn: 'signedOn',
    };
    const next: Problems = {};
    for (const { field } of fields) {
      const key = byField[field.split('.').at(-1) ?? ''];
      if (key) next[key] = t('form.fieldRefused');
    }
    if (Object.keys(next).length > 0) setProblems(next);
  }, [save.error, t]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Problems = {};
    const priceVnd = parseVnd(values.price);
    const stock = Number(values.stock);
    if (!values.name.trim()) next.name = t('form.required');
    if (priceVnd === undefined || priceVnd < 1000 || priceVnd > 1_000_000_000)
      next.price = t('form.priceInvalid');
    if (!product && (!/^\d+$/.test(values.stock.trim()) || stock < 0)) next.stock = t('form.stockInvalid');
    if (!values.decisionNumber.trim()) next.decisionNumber = t('form.required');
    else if (!DECISION_NUMBER.test(values.decisionNumber.trim()))
      next.decisionNumber = t('form.numberInvalid');
    if (!values.issuingBody.trim()) next.issuingBody = t('form.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.signedOn)) next.signedOn = t('form.required');
    else if (values.signedOn > vnToday()) next.signedOn = t('form.signedInFuture');
    setProblems(next);
    if (Object.keys(next).length > 0 || priceVnd === undefined) return;
    save.mutate({ priceVnd, stock });
  };

  const expiresOn = certificateExpiresOn(values.signedOn);
  const invalid = (key: keyof Problems) =>
    problems[key] ? { 'aria-invalid': true as const, 'aria-describedby': `pf-${key}-error` } : {};

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="form-grid two">
        <Field id="pf-name" label={t('form.name')} error={problems.name}>
          <input
            id="pf-name"
            data-testid="product-name"
            value={values.name}
            maxLength={200}
            onChange={(event) => set('name', event.target.value)}
            {...invalid('name')}
          />
        </Field>
        <Field id="pf-group" label={t('form.group')}>
          <select
            id="pf-group"
            data-testid="product-group"
            value={values.group}
            onChange={(event) => set('group', event.target.value as Group)}
          >
            {OCOP_GROUPS.map((group) => (
              <option key={group} value={group}>
                {tc(`ocop.groups.${group}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="pf-description" label={t('form.description')} hint={t('form.descriptionHint')}>
        <textarea
          id="pf-description"
          data-testid="product-description"
          rows={3}
          value={values.description}
          aria-describedby="pf-description-hint"
          onChange={(event) => set('description', event.target.value)}
        />
      </Field>
      <div className="form-grid two">
        <Field id="pf-price" label={t('form.price')} hint={t('form.priceHint')} error={problems.price}>
          <input
            id="pf-price"
            data-testid="product-price"
            inputMode="numeric"
            value={values.price}
            onChange={(event) => set('price', event.target.value)}
            {...invalid('price')}
          />
        </Field>
        {!product && (
          <Field id="pf-stock" label={t('form.stock')} hint={t('form.stockHint')} error={problems.stock}>
            <input
              id="pf-stock"
              data-testid="product-stock"
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={values.stock}
              onChange={(event) => set('stock', event.target.value)}
              {...invalid('stock')}
            />
          </Field>
        )}
      </div>
      <fieldset className="stack">
        <legend>{t('certificate.title')}</legend>
        <p className="small muted">{t('form.certificateHint')}</p>
        <div className="form-grid two">
          <Field id="pf-stars" label={t('certificate.stars')}>
            <select
              id="pf-stars"
              data-testid="product-stars"
              value={values.stars}
              onChange={(event) => set('stars', Number(event.target.value) as StarCount)}
            >
              {OCOP_STARS.map((stars) => (
                <option key={stars} value={stars}>
                  {tc('ocop.stars', { count: stars })}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="pf-number"
            label={t('certificate.number')}
            hint={t('form.numberHint')}
            error={problems.decisionNumber}
          >
            <input
              id="pf-number"
              data-testid="cert-number"
              value={values.decisionNumber}
              aria-describedby="pf-number-hint"
              onChange={(event) => set('decisionNumber', event.target.value)}
              {...invalid('decisionNumber')}
            />
          </Field>
          <Field
            id="pf-body"
            label={t('certificate.body')}
            hint={t('form.bodyHint')}
            error={problems.issuingBody}
          >
            <input
              id="pf-body"
              data-testid="cert-body"
              value={values.issuingBody}
              onChange={(event) => set('issuingBody', event.target.value)}
              {...invalid('issuingBody')}
            />
          </Field>
          <Field id="pf-signed" label={t('certificate.signedOn')} error={problems.signedOn}>
            <input
              id="pf-signed"
              data-testid="cert-signed"
              type="date"
              max={vnToday()}
              value={values.signedOn}
              onChange={(event) => set('signedOn', event.target.value)}
              {...invalid('signedOn')}
            />
          </Field>
        </div>
        {expiresOn && (
          <p className="small" aria-live="polite">
            {t('form.expiresPreview', { date: formatDate(expiresOn, i18n.language) })}
          </p>
        )}
        {product?.status === 'active' && certificateChanged && (
          <p className="alert warn small">{t('form.recertifyWarning')}</p>
        )}
      </fieldset>
      {media && <ProductMediaFields trays={media} name={values.name || t('form.newTitle')} />}
      {save.isError && <ErrorBox error={save.error} />}
      {saved && (
        <p className="alert info" role="status">
          {t('form.saved')}
        </p>
      )}
      <button type="submit" className="btn block" data-testid="product-save" disabled={save.isPending}>
        {save.isPending && finishing ? tc('uploads.waiting') : product ? t('form.save') : t('form.create')}
      </button>
    </form>
  );
}

/** Current stock, and a signed change with its reason (a new delivery, breakage, a count). */
function StockCard({ product }: { product: Product }) {
  const { t } = useTranslation('farmer');
  const queryClient = useQueryClient();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const adjust = useMutation({
    mutationFn: async (input: { delta: number; reason: string }) =>
      unwrap(
        await api.POST('/api/products/{id}/stock-adjustments', {
          params: { path: { id: product.id } },
          body: input,
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData<Product>(['farmer', 'product', product.id], (current) =>
        current ? { ...current, stock: result.stock } : current,
      );
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'products'] });
      setDelta('');
      setReason('');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = parseStockDelta(delta);
    if (value === undefined) {
      setProblem(t('stock.deltaInvalid'));
      return;
    }
    setProblem(undefined);
    adjust.mutate({
      delta: value,
      reason: reason.trim() || t(value > 0 ? 'stock.defaultIn' : 'stock.defaultOut'),
    });
  };
  return (
    <section className="card stack" aria-labelledby="stock-title">
      <h2 id="stock-title">{t('stock.title')}</h2>
      <p>
        {t('stock.current')}{' '}
        <span className="stock-big" data-testid="stock-current" aria-live="polite">
          {formatNumber(product.stock)}
        </span>
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <div className="form-grid two">
          <Field id="stock-delta" label={t('stock.delta')} hint={t('stock.deltaHint')} error={problem}>
            <input
              id="stock-delta"
              data-testid="stock-delta"
              inputMode="numeric"
              value={delta}
              aria-describedby={problem ? 'stock-delta-hint stock-delta-error' : 'stock-delta-hint'}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => setDelta(event.target.value)}
            />
          </Field>
          <Field id="stock-reason" label={t('stock.reason')} hint={t('stock.reasonHint')}>
            <input
              id="stock-reason"
              value={reason}
              maxLength={200}
              aria-describedby="stock-reason-hint"
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
        </div>
        {adjust.isError && <ErrorBox error={adjust.error} />}
        {adjust.isSuccess && (
          <p className="alert info" role="status">
            {t('stock.done', { stock: formatNumber(adjust.data.stock) })}
          </p>
        )}
        <button type="submit" className="btn block" data-testid="stock-apply" disabled={adjust.isPending}>
          {t('stock.apply')}
        </button>
      </form>
    </section>
  );
}
