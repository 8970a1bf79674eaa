import sharp from 'sharp';
import type { SeedProducer, SeedProduct } from '../hanoi-catalogue';
import {
  certificateScanSvg,
  producerLogoSvg,
  productDetailSvg,
  productSvg,
  sessionCoverSvg,
} from './seed-pictures';

/** A picture as a phone would upload it: bytes and a file name. */
export interface SeedPicture {
  bytes: Buffer;
  fileName: string;
}

/**
 * Drawn at the size the shop needs, no larger: a product photo at 960 px (renditions 160, 480 and 960: a phone's
 * full-width gallery), a logo at 480, a scan at 930 px wide. Every pixel more costs the seed processing time.
 */
const PHOTO_WIDTH = 960;
const LOGO_WIDTH = 480;
const SCAN_WIDTH = 930;

async function jpeg(svg: string, fileName: string, width?: number): Promise<SeedPicture> {
  const image = sharp(Buffer.from(svg));
  const bytes = await (width ? image.resize({ width }) : image)
    .jpeg({ quality: 86, mozjpeg: true })
    .toBuffer();
  return { bytes, fileName };
}

/** The product on its stage; with `detail`, a closer look as a second photo. */
export async function productPhotos(product: SeedProduct, detail = false): Promise<SeedPicture[]> {
  const name = product.code.toLowerCase();
  return Promise.all([
    jpeg(productSvg(product), `${name}-1.jpg`, PHOTO_WIDTH),
    ...(detail ? [jpeg(productDetailSvg(product), `${name}-2.jpg`, PHOTO_WIDTH)] : []),
  ]);
}

export function producerLogo(producer: SeedProducer): Promise<SeedPicture> {
  return jpeg(producerLogoSvg(producer), `${producer.code.toLowerCase()}-logo.jpg`, LOGO_WIDTH);
}

/** The cover of the seed's session number `variant`, showing its first lineup products. */
export function sessionCover(lineup: readonly SeedProduct[], variant: number): Promise<SeedPicture> {
  return jpeg(sessionCoverSvg(lineup, variant), `cover-${variant + 1}.jpg`);
}

export function certificateScan(
  product: SeedProduct,
  producer: SeedProducer,
  signedOn: string,
): Promise<SeedPicture> {
  return jpeg(
    certificateScanSvg({
      issuingBody: product.issuingBody,
      decisionNumber: product.decisionNumber,
      signedOn,
      productName: product.name,
      producerName: producer.name,
      stars: product.stars,
    }),
    `${product.code.toLowerCase()}-quyet-dinh.jpg`,
    SCAN_WIDTH,
  );
}
