import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StockMovementKind = 'initial' | 'adjustment' | 'reservation' | 'release';

/** One line of the append-only stock ledger (a trigger forbids UPDATE and DELETE). */
@Entity('stock_movements')
export class StockMovementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') productId!: string;
  @Column('text') kind!: StockMovementKind;
  @Column('integer') delta!: number;
  @Column('integer') stockAfter!: number;
  @Column('text') reason!: string;
  @Column('text', { nullable: true }) reference!: string | null;
  @Column('uuid', { nullable: true }) actorUserId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
