import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssetPurpose, Rendition } from '../domain';

export type AssetStatus = 'processing' | 'ready' | 'failed';

export interface DocumentInfo {
  contentType: string;
  pageCount: number | null;
}

/** An uploaded photo or document and what processing made of it. */
@Entity('assets')
export class AssetEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') ownerUserId!: string;
  @Column('text') purpose!: AssetPurpose;
  @Column('text') status!: AssetStatus;
  @Column('text', { nullable: true }) errorCode!: string | null;
  @Column('text') fileName!: string;
  /** The real type of the original, from its content. */
  @Column('text', { nullable: true }) contentType!: string | null;
  @Column('integer') byteLength!: number;
  /** The original as uploaded (private, never served for photos: it may hold GPS in its EXIF). */
  @Column('text', { nullable: true }) originalKey!: string | null;
  @Column('integer', { nullable: true }) width!: number | null;
  @Column('integer', { nullable: true }) height!: number | null;
  @Column('text', { nullable: true }) placeholder!: string | null;
  @Column('jsonb', { default: () => `'[]'` }) renditions!: Rendition[];
  @Column('jsonb', { nullable: true }) document!: DocumentInfo | null;
  /** Set when a product, producer or session first uses it; unattached assets are swept after a while. */
  @Column('timestamptz', { nullable: true }) attachedAt!: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) processedAt!: Date | null;
}
