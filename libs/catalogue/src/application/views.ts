import type { AssetView, ImageView } from '@ocop/assets';
import { findProvince, IsoDate } from '@ocop/kernel';
import {
  Certificate,
  CertificateState,
  certificateState,
  daysUntilExpiry,
  isSellable,
  NotificationKind,
  OcopGroup,
  ProducerKind,
  ProductStatus,
} from '../domain';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProducerNotificationEntity } from '../infrastructure/producer-notification.entity';
import { ProductEntity } from '../infrastructure/product.entity';
import type { MediaLookup } from './catalogue-media';

export interface ProvinceView {
  code: string;
  name: string;
}

export interface ProducerView {
  id: string;
  kind: ProducerKind;
  name: string;
  description: string;
  phone: string;
  location: { province: ProvinceView; commune: string; street: string };
  branchId: string;
  logo: ImageView | null;
  createdAt: string;
}

export interface ProducerSummaryView {
  id: string;
  name: string;
  kind: ProducerKind;
  province: ProvinceView;
  logo: ImageView | null;
}

export interface ProductView {
  id: string;
  producerId: string;
  producer: ProducerSummaryView;
  name: string;
  description: string;
  group: OcopGroup;
  /** Processed photos in display order, the cover first. */
  photos: ImageView[];
  priceVnd: number;
  stock: number;
  status: ProductStatus;
  statusReason: string | null;
  certificate: Certificate;
  certificateState: CertificateState;
  daysUntilExpiry: number;
  sellable: boolean;
  submittedAt: string | null;
  verifiedAt: string | null;
  verifiedBy?: string | null;
  /** The certificate's scan or PDF: in the owner's and admins' views only. */
  certificateDocument?: AssetView | null;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  productId: string | null;
  certificateExpiresOn: string | null;
  messageVi: string;
  messageEn: string;
  createdAt: string;
  readAt: string | null;
}

export function provinceView(code: string): ProvinceView {
  return { code, name: findProvince(code)?.name ?? code };
}

export function producerView(p: ProducerEntity, media: MediaLookup): ProducerView {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    description: p.description,
    phone: p.phone,
    location: { province: provinceView(p.provinceCode), commune: p.commune, street: p.street },
    branchId: p.branchId,
    logo: logoOf(p, media),
    createdAt: p.createdAt.toISOString(),
  };
}

export function producerSummary(p: ProducerEntity, media: MediaLookup): ProducerSummaryView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    province: provinceView(p.provinceCode),
    logo: logoOf(p, media),
  };
}

function logoOf(p: ProducerEntity, media: MediaLookup): ImageView | null {
  return (p.logoAssetId && media.images.get(p.logoAssetId)) || null;
}

export function certificateOf(p: ProductEntity): Certificate {
  return {
    stars: p.certificateStars,
    decisionNumber: p.certificateDecisionNumber,
    issuingBody: p.certificateIssuingBody,
    signedOn: p.certificateSignedOn,
    expiresOn: p.certificateExpiresOn,
  };
}

export interface ViewContext {
  today: IsoDate;
  warningDays: number;
  /** Admin views also say who verified the product. */
  withAudit?: boolean;
}

export function productView(
  p: ProductEntity,
  producer: ProducerEntity,
  ctx: ViewContext,
  media: MediaLookup,
): ProductView {
  const view: ProductView = {
    id: p.id,
    producerId: p.producerId,
    producer: producerSummary(producer, media),
    name: p.name,
    description: p.description,
    group: p.ocopGroup,
    photos: p.photoAssetIds.flatMap((id) => {
      const image = media.images.get(id);
      return image ? [image] : [];
    }),
    priceVnd: p.priceVnd,
    stock: p.stock,
    status: p.status,
    statusReason: p.statusReason,
    certificate: certificateOf(p),
    certificateState: certificateState(p.certificateExpiresOn, ctx.today, ctx.warningDays),
    daysUntilExpiry: daysUntilExpiry(p.certificateExpiresOn, ctx.today),
    sellable: isSellable(p.status, p.certificateExpiresOn, ctx.today),
    submittedAt: p.submittedAt?.toISOString() ?? null,
    verifiedAt: p.verifiedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
  if (ctx.withAudit) view.verifiedBy = p.verifiedBy;
  if (media.documents) {
    view.certificateDocument =
      (p.certificateDocumentAssetId && media.documents.get(p.certificateDocumentAssetId)) || null;
  }
  return view;
}

export function notificationView(n: ProducerNotificationEntity): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    productId: n.productId,
    certificateExpiresOn: n.certificateExpiresOn,
    messageVi: n.messageVi,
    messageEn: n.messageEn,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
