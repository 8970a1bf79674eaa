import type { CertificateInput, OcopGroup, ProducerKind } from '../domain';

/** What a user states about their producer profile (the HTTP DTOs and the demo seed both produce this). */
export interface ProducerInput {
  kind: ProducerKind;
  name: string;
  description?: string;
  phone: string;
  location: { province: string; commune: string; street?: string };
  branchId: string;
}

export type ProducerPatch = Partial<Omit<ProducerInput, 'location'>> & {
  location?: Partial<ProducerInput['location']>;
};

export interface ProductInput {
  name: string;
  description?: string;
  group: OcopGroup;
  priceVnd: number;
  stock: number;
  certificate: CertificateInput;
}

export type ProductPatch = Partial<Omit<ProductInput, 'stock' | 'certificate'>> & {
  certificate?: Partial<CertificateInput>;
};

export interface BrowseQuery {
  q?: string;
  group?: OcopGroup;
  stars?: number;
  province?: string;
  producerId?: string;
  page: number;
  pageSize: number;
}
