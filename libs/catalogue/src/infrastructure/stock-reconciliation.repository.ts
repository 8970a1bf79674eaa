import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A product whose stock column is not the sum of its stock ledger. */
export interface StockDrift {
  productId: string;
  stock: number;
  ledger: number;
}

/** The queries of the stock check: the column against the append-only ledger (stock_movements). */
@Injectable()
export class StockReconciliationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Products whose stock differs from the sum of their movements. One statement, so the column and the ledger are
   * read in one snapshot (every change writes both in one statement).
   */
  async drifted(limit: number): Promise<StockDrift[]> {
    return (await this.dataSource.query(
      `SELECT p.id AS "productId", p.stock, coalesce(m.total, 0)::int AS ledger
       FROM products p
       LEFT JOIN (SELECT product_id, sum(delta) AS total FROM stock_movements GROUP BY product_id) m
         ON m.product_id = p.id
       WHERE p.stock <> coalesce(m.total, 0)
       ORDER BY p.id
       LIMIT $1`,
      [limit],
    )) as StockDrift[];
  }

  /**
   * Sets the product's stock to its ledger's sum, under the product's row lock (taken first: every stock change
   * waits for it, so the sum read after it is final). Returns the drift it corrected, or null when there was none.
   */
  async resetToLedger(em: EntityManager, productId: string): Promise<StockDrift | null> {
    const locked = (await em.query(`SELECT stock FROM products WHERE id = $1 FOR UPDATE`, [productId])) as {
      stock: number;
    }[];
    const stock = locked[0]?.stock;
    if (stock === undefined) return null;
    const [sum] = (await em.query(
      `SELECT coalesce(sum(delta), 0)::int AS ledger FROM stock_movements WHERE product_id = $1`,
      [productId],
    )) as { ledger: number }[];
    const ledger = sum?.ledger ?? 0;
    if (ledger === stock) return null;
    await em.query(`UPDATE products SET stock = $2, updated_at = now() WHERE id = $1`, [productId, ledger]);
    return { productId, stock, ledger };
  }
}
