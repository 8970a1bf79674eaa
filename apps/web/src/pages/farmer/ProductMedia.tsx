import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachCertificate, attachPhotos, type AssetView, type ImageView } from '../../api/assets';
import type { Schema } from '../../api/client';
import { useErrorMessage } from '../../ui/components';
import { PhotoTray, SingleUpload } from '../../ui/uploads/UploadParts';
import {
  itemOf,
  readyIds,
  useUploadTray,
  type TrayItem,
  type UploadTray,
} from '../../ui/uploads/use-uploads';

type Product = Schema<'ProductResponse'>;

/** The media part of a farmer's product view (assets contract): its photos and its certificate's document. */
interface ProductMediaView {
  photos?: ImageView[];
  certificateDocument?: AssetView | null;
}

export const MAX_PHOTOS = 8;
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
export const CERTIFICATE_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

export function mediaOf(product: Product): ProductMediaView {
  return product as Product & ProductMediaView;
}

function certificateItems(document: AssetView | null | undefined): TrayItem[] {
  if (!document) return [];
  const base = document.image
    ? itemOf(document.image)
    : { ...itemOf({ id: document.id } as ImageView), image: null };
  return [{ ...base, key: document.id, assetId: document.id, asset: document, phase: 'ready' }];
}

/** The trays of a product form: photos (up to 8) and the certificate's scan or PDF. */
export function useProductMedia(product?: Product) {
  const media = product ? mediaOf(product) : {};
  const photos = useUploadTray('product-photo', (media.photos ?? []).map(itemOf), { max: MAX_PHOTOS });
  const certificate = useUploadTray('certificate', certificateItems(media.certificateDocument));
  return { photos, certificate };
}

export type ProductMediaTrays = ReturnType<typeof useProductMedia>;

/**
 * After a new product is created: waits for the photos and the certificate still on their way, then attaches what
 * arrived. Returns the product as the api answers after the last attach (null when nothing was attached).
 */
export async function attachMedia(productId: string, trays: ProductMediaTrays): Promise<Product | null> {
  await Promise.all([trays.photos.settled(), trays.certificate.settled()]);
  let updated: Product | null = null;
  const photoIds = readyIds(trays.photos.items);
  if (photoIds.length > 0) updated = (await attachPhotos(productId, photoIds)) as Product;
  const [certificateId] = readyIds(trays.certificate.items).slice(-1);
  if (certificateId) updated = (await attachCertificate(productId, certificateId)) as Product;
  return updated;
}

/** The photo and certificate trays inside the product form. */
export function ProductMediaFields({ trays, name }: { trays: ProductMediaTrays; name: string }) {
  const { t } = useTranslation('farmer');
  return (
    <>
      <PhotoTray
        tray={trays.photos}
        max={MAX_PHOTOS}
        name={name}
        title={t('media.photos')}
        hint={t('media.photosHint', { max: MAX_PHOTOS })}
        testId="product-photos"
      />
      <SingleUpload
        tray={trays.certificate}
        name={name}
        kind="document"
        title={t('media.certificate')}
        hint={t('media.certificateHint')}
        accept={CERTIFICATE_TYPES}
        testId="certificate-document"
        aspect="3 / 4"
      />
    </>
  );
}

/**
 * On an existing product, every change is saved as it happens: a photo that finished processing, a new order, a
 * removal (a product keeps at least one photo), a new certificate document.
 */
export function ProductMediaCard({ product }: { product: Product }) {
  const { t } = useTranslation('farmer');
  const trays = useProductMedia(product);
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const media = mediaOf(product);
  const savedPhotos = useRef((media.photos ?? []).map((p) => p.id).join());
  const savedCertificate = useRef(media.certificateDocument?.id ?? '');

  const photoIds = readyIds(trays.photos.items);
  const photoKey = photoIds.join();
  const busy = trays.photos.items.some((i) => i.phase === 'sending' || i.phase === 'processing');
  useEffect(() => {
    if (busy || photoIds.length === 0 || photoKey === savedPhotos.current) return;
    savedPhotos.current = photoKey;
    attachPhotos(product.id, photoIds)
      .then((updated) => {
        queryClient.setQueryData(['farmer', 'product', product.id], updated);
        void queryClient.invalidateQueries({ queryKey: ['farmer', 'products'] });
        setProblem(null);
        setSaved(t('media.photosSaved'));
      })
      .catch((error: unknown) => {
        savedPhotos.current = '';
        setProblem(error);
      });
    // photoIds is derived from photoKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [busy, photoKey, product.id, queryClient, t]);

  const [certificateId] = readyIds(trays.certificate.items).slice(-1);
  useEffect(() => {
    if (!certificateId || certificateId === savedCertificate.current) return;
    savedCertificate.current = certificateId;
    attachCertificate(product.id, certificateId)
      .then(() => {
        void queryClient.invalidateQueries({ queryKey: ['farmer', 'products'] });
        setProblem(null);
        setSaved(t('media.certificateSaved'));
      })
      .catch((error: unknown) => {
        savedCertificate.current = '';
        setProblem(error);
      });
  }, [certificateId, product.id, queryClient, t]);

  return (
    <section className="card stack" aria-labelledby="product-media-title" data-testid="product-media">
      <h2 id="product-media-title">{t('media.title')}</h2>
      <ProductMediaFields trays={trays} name={product.name} />
      {problem !== null && (
        <p className="alert" role="alert">
          {errorMessage(problem)}
        </p>
      )}
      <p className="small" role="status" data-testid="product-media-saved">
        {saved}
      </p>
    </section>
  );
}

export type { UploadTray };
