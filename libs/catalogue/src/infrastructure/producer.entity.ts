import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProducerKind } from '../domain';

@Entity('producers')
export class ProducerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') ownerUserId!: string;
  @Column('uuid') branchId!: string;
  @Column('text') kind!: ProducerKind;
  @Column('text') name!: string;
  @Column('text') description!: string;
  @Column('text') phone!: string;
  @Column('text') provinceCode!: string;
  @Column('text') commune!: string;
  @Column('text') street!: string;
  @Column('uuid', { nullable: true }) logoAssetId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
