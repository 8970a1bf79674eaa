import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProductAction, ProductStatus } from '../domain';

/** Who moved a product through its lifecycle, when, and why. */
@Entity('product_status_changes')
export class ProductStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') productId!: string;
  @Column('text') action!: ProductAction;
  @Column('text') fromStatus!: ProductStatus;
  @Column('text') toStatus!: ProductStatus;
  @Column('uuid') actorUserId!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
