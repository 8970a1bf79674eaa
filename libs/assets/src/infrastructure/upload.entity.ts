import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssetPurpose } from '../domain';

export type UploadStatus = 'receiving' | 'complete';

/** A resumable upload: its chunks sit in storage under `uploads/<id>/` until it completes or expires. */
@Entity('uploads')
export class UploadEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') ownerUserId!: string;
  @Column('text') purpose!: AssetPurpose;
  @Column('text') fileName!: string;
  @Column('integer') byteLength!: number;
  @Column('integer') chunkBytes!: number;
  @Column('integer') receivedBytes!: number;
  @Column('text') status!: UploadStatus;
  @Column('uuid', { nullable: true }) assetId!: string | null;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
