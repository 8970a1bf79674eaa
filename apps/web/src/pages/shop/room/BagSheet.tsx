import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schema } from '../../../api/client';
import { formatCountdown, formatVnd, secondsUntil } from '../../../lib/format';
import { imageOf } from '../../../lib/media';
import { Stars } from '../../../ui/components';
import { Picture } from '../../../ui/Picture';
import { useDialog } from '../../../ui/useDialog';
import { CertificateDetails } from '../parts';
import { BadgeIcon, CloseIcon } from './icons';
import type { BagRow } from './room-logic';

export type LineupCard = Schema<'LineupCardResponse'>;

/**
 * The bag: a bottom sheet over the lower two thirds while the video keeps playing above it. The lineup numbered #1,
 * #2... in the host's order, each with picture, name, price (deal price and badge during a flash deal), units left
 * (live), "Đang giới thiệu" on the product shown now, and Buy; its OCOP certificate and its farmer one tap away.
 */
export function BagSheet({
  rows,
  now,
  canBuy,
  closedReason,
  onBuy,
  onClose,
}: {
  rows: BagRow<LineupCard>[];
  now: number;
  canBuy: boolean;
  /** Why buying is not open (an upcoming or cancelled session), shown above the list. */
  closedReason: string | null;
  onBuy: (row: BagRow<LineupCard>) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('room');
  const ref = useRef<HTMLDivElement>(null);
  useDialog(ref, onClose);
  return (
    <div
      className="room-sheet-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className="room-sheet bag-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="bag-title"
        data-testid="bag-sheet"
        tabIndex={-1}
      >
        <div className="room-sheet-head">
          <h2 id="bag-title">{t('bag.title', { count: rows.length })}</h2>
          <button type="button" className="room-round plain" onClick={onClose} aria-label={t('bag.close')}>
            <CloseIcon />
          </button>
        </div>
        <BagList rows={rows} now={now} canBuy={canBuy} closedReason={closedReason} onBuy={onBuy} />
      </div>
    </div>
  );
}

/** The numbered lineup itself: in the bag sheet on a phone, in the side panel on a desktop. */
export function BagList({
  rows,
  now,
  canBuy,
  closedReason,
  onBuy,
  idPrefix = 'bag',
}: {
  rows: BagRow<LineupCard>[];
  now: number;
  canBuy: boolean;
  closedReason: string | null;
  onBuy: (row: BagRow<LineupCard>) => void;
  /** Keeps element ids unique when the list shows twice (the side panel and the sheet). */
  idPrefix?: string;
}) {
  const { t } = useTranslation('room');
  return (
    <>
      {closedReason && (
        <p className="alert warn small" data-testid="bag-closed-reason">
          {closedReason}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('bag.empty')}</p>
      ) : (
        <ol className="bag-list">
          {rows.map((row) => (
            <BagItem
              key={row.product.productId}
              row={row}
              now={now}
              canBuy={canBuy}
              onBuy={onBuy}
              idPrefix={idPrefix}
            />
          ))}
        </ol>
      )}
    </>
  );
}

function BagItem({
  row,
  now,
  canBuy,
  onBuy,
  idPrefix,
}: {
  row: BagRow<LineupCard>;
  now: number;
  canBuy: boolean;
  onBuy: (row: BagRow<LineupCard>) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation('room');
  const { t: ts } = useTranslation('shop');
  const [open, setOpen] = useState(false);
  const { product, deal } = row;
  const soldOut = row.left === 0;
  const headingId = `${idPrefix}-${product.productId}`;
  const detailsId = `${idPrefix}-details-${product.productId}`;
  return (
    <li
      className={row.showing ? 'bag-item showing' : 'bag-item'}
      data-testid="bag-item"
      data-product-id={product.productId}
      data-showing={row.showing}
      aria-labelledby={headingId}
    >
      <div className="bag-row">
        <span className="bag-number" data-testid="bag-number">
          #{row.number}
        </span>
        <Picture
          image={imageOf(product)}
          alt={product.name}
          sizes="72px"
          name={product.name}
          kind="product"
          aspect="1 / 1"
          className="bag-thumb"
        />
        <div className="bag-main">
          {(row.showing || deal) && (
            <p className="bag-badges">
              {row.showing && (
                <span className="room-showing-badge" data-testid="bag-showing">
                  {t('card.showing')}
                </span>
              )}
              {deal && (
                <span className="room-deal-badge">
                  {t('card.dealEnds', { time: formatCountdown(secondsUntil(deal.endsAt, now)) })}
                </span>
              )}
            </p>
          )}
          <h3 id={headingId} className="bag-name">
            <Link to={`/products/${product.productId}`}>{product.name}</Link>
          </h3>
          <p className="bag-price">
            <span className={deal ? 'price deal' : 'price'}>
              {formatVnd(deal ? deal.priceVnd : product.priceVnd)}
            </span>
            {deal && (
              <span className="strike">
                <span className="visually-hidden">{t('card.listPrice')} </span>
                {formatVnd(product.priceVnd)}
              </span>
            )}
          </p>
          <p className={soldOut ? 'small stock stock-out' : 'small stock'} data-testid="bag-stock">
            {soldOut
              ? ts('product.soldOut')
              : deal
                ? ts('deal.remaining', { count: row.left })
                : ts('product.stockLeft', { count: row.left })}
            {product.perBuyerLimit ? ` · ${ts('product.perBuyer', { count: product.perBuyerLimit })}` : ''}
          </p>
        </div>
      </div>
      <div className="bag-actions">
        <button
          type="button"
          className="btn secondary small bag-more"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((v) => !v)}
        >
          <BadgeIcon className="icon-sm" />
          {t('bag.certificate')}
        </button>
        <button
          type="button"
          className="btn small room-buy"
          data-testid="bag-buy"
          disabled={!canBuy || soldOut || !product.sellable}
          onClick={() => onBuy(row)}
        >
          {soldOut ? ts('product.soldOut') : t('card.buy')}
        </button>
      </div>
      {open && <BagDetails id={detailsId} productId={product.productId} stars={product.stars} />}
    </li>
  );
}

/** The product's OCOP certificate and its farmer (read once, then cached). */
function BagDetails({ id, productId, stars }: { id: string; productId: string; stars: number }) {
  const { t } = useTranslation('room');
  const details = useQuery({
    queryKey: ['public', 'products', productId],
    queryFn: async () => unwrap(await api.GET('/api/products/{id}', { params: { path: { id: productId } } })),
    staleTime: 5 * 60_000,
  });
  return (
    <div id={id} className="bag-details" data-testid="bag-details">
      {details.data ? (
        <>
          <p className="row small">
            <Stars count={stars} />
            <span>
              {t('bag.farmer')}{' '}
              <Link to={`/producers/${details.data.producerId}`} data-testid="bag-farmer">
                {details.data.producer.name}
              </Link>
            </span>
          </p>
          <CertificateDetails certificate={details.data.certificate} compact />
        </>
      ) : details.isError ? (
        <p className="small alert">{t('bag.detailsError')}</p>
      ) : (
        <p className="small muted">{t('bag.loading')}</p>
      )}
    </div>
  );
}
