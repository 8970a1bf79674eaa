import { Injectable } from '@nestjs/common';
import { foldVietnamese } from '@ocop/kernel';
import { DataSource, EntityManager } from 'typeorm';
import type { BranchStatus, BranchSummary, BranchType } from '../domain/branch-rules';

interface BranchRow {
  id: string;
  code: string;
  name: string;
  type: BranchType;
  status: BranchStatus;
  parent_id: string | null;
  merged_into_id: string | null;
  path: string[];
}

export interface BranchRecord extends BranchSummary {
  mergedIntoId: string | null;
}

/** A branch as it is inserted: always active. */
export type BranchInsert = Omit<BranchSummary, 'status'>;

const COLUMNS = 'id, code, name, type, status, parent_id, merged_into_id, path';

/**
 * Every precomposed Vietnamese letter (both cases) and its plain ASCII fold, for PostgreSQL's translate(): the
 * database then folds names exactly like foldVietnamese does, whatever its collation (no extension needed).
 */
const VIETNAMESE_LETTERS = (() => {
  const vowels = 'aăâeêioôơuưy';
  const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
  const letters = new Set<string>(['đ', 'Đ']);
  for (const vowel of vowels) {
    for (const tone of tones) {
      const letter = (vowel + tone).normalize('NFC');
      letters.add(letter);
      letters.add(letter.toUpperCase());
    }
  }
  const from = [...letters].filter((letter) => foldVietnamese(letter) !== letter);
  return { from: from.join(''), to: from.map((letter) => foldVietnamese(letter)).join('') };
})();

function toRecord(row: BranchRow): BranchRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    status: row.status,
    parentId: row.parent_id,
    mergedIntoId: row.merged_into_id,
    path: row.path,
  };
}

export function toSummary(record: BranchRecord): BranchSummary {
  return {
    id: record.id,
    code: record.code,
    name: record.name,
    type: record.type,
    status: record.status,
    parentId: record.parentId,
    path: record.path,
  };
}

/** Queries over the branch tree and its history. Every method takes the manager of the caller's transaction. */
@Injectable()
export class BranchRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** Serialises structural changes to the tree (create, move, merge, close): they are rare, cycles are not. */
  async lockTree(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('identity.branch_tree'))`);
  }

  async findById(id: string, em?: EntityManager, lock?: 'update' | 'share'): Promise<BranchRecord | null> {
    const suffix = lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : '';
    const rows = (await this.q(em).query(`SELECT ${COLUMNS} FROM branches WHERE id = $1${suffix}`, [
      id,
    ])) as BranchRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByIds(ids: readonly string[], em?: EntityManager): Promise<BranchRecord[]> {
    if (ids.length === 0) return [];
    const rows = (await this.q(em).query(`SELECT ${COLUMNS} FROM branches WHERE id = ANY($1::uuid[])`, [
      [...new Set(ids)],
    ])) as BranchRow[];
    return rows.map(toRecord);
  }

  async findByCode(code: string, em?: EntityManager): Promise<BranchRecord | null> {
    const rows = (await this.q(em).query(`SELECT ${COLUMNS} FROM branches WHERE code = $1`, [
      code,
    ])) as BranchRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Active branches whose name or code holds every word given (already folded), shallowest first, with the names
   * along their path (root first) so that a person can tell two communes of the same name apart.
   */
  async searchActive(
    words: readonly string[],
    limit: number,
  ): Promise<(BranchRecord & { pathNames: string[] })[]> {
    // Every value is a typed parameter (the words are letters and digits only, at most 6 of at most 100 characters),
    // so no search term is part of the statement's text; and every parameter sent is used, since PostgreSQL
    // cannot type one that is not (a search with no words, such as "🌾" or zero-width spaces, once failed so).
    const params: unknown[] = [limit];
    let matches = '';
    if (words.length > 0) {
      params.push(VIETNAMESE_LETTERS.from, VIETNAMESE_LETTERS.to, ...words);
      const folded = `lower(translate(b.name || ' ' || b.code, $2::text, $3::text))`;
      matches = words.map((_, i) => ` AND ${folded} LIKE '%' || $${i + 4}::text || '%'`).join('');
    }
    const rows = (await this.q().query(
      `SELECT ${COLUMNS.split(', ')
        .map((column) => `b.${column}`)
        .join(', ')},
              (SELECT array_agg(a.name ORDER BY array_position(b.path, a.id)) FROM branches a WHERE a.id = ANY(b.path))
                AS path_names
         FROM branches b
        WHERE b.status = 'active'${matches}
        ORDER BY array_length(b.path, 1), b.name
        LIMIT $1::int`,
      params,
    )) as (BranchRow & { path_names: string[] })[];
    return rows.map((row) => ({ ...toRecord(row), pathNames: row.path_names }));
  }

  /** The root and every current descendant, shallowest first. */
  async subtree(rootId: string, em?: EntityManager): Promise<BranchRecord[]> {
    const rows = (await this.q(em).query(
      `SELECT ${COLUMNS} FROM branches WHERE path @> ARRAY[$1]::uuid[] ORDER BY array_length(path, 1), code`,
      [rootId],
    )) as BranchRow[];
    return rows.map(toRecord);
  }

  async countActiveChildren(id: string, em: EntityManager): Promise<number> {
    const rows = (await em.query(
      `SELECT count(*)::int AS n FROM branches WHERE parent_id = $1 AND status = 'active'`,
      [id],
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  async insert(em: EntityManager, branch: BranchInsert, at: Date): Promise<boolean> {
    const rows = (await em.query(
      `INSERT INTO branches (id, code, name, type, parent_id, status, path, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6::uuid[], $7, $7)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [branch.id, branch.code, branch.name, branch.type, branch.parentId, branch.path, at],
    )) as { id: string }[];
    return rows.length === 1;
  }

  async rename(em: EntityManager, id: string, name: string, at: Date): Promise<void> {
    await em.query(`UPDATE branches SET name = $2, updated_at = $3 WHERE id = $1`, [id, name, at]);
  }

  async setStatus(
    em: EntityManager,
    id: string,
    status: BranchStatus,
    mergedIntoId: string | null,
    at: Date,
  ) {
    await em.query(`UPDATE branches SET status = $2, merged_into_id = $3, updated_at = $4 WHERE id = $1`, [
      id,
      status,
      mergedIntoId,
      at,
    ]);
  }

  async setParent(em: EntityManager, ids: string[], parentId: string, at: Date): Promise<void> {
    await em.query(`UPDATE branches SET parent_id = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
      ids,
      parentId,
      at,
    ]);
  }

  async childIds(em: EntityManager, id: string): Promise<string[]> {
    const rows = (await em.query(`SELECT id FROM branches WHERE parent_id = $1`, [id])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Re-attaches the subtree rooted at `movedId` below `newParentPath`: each node keeps the part of its path from
   * `movedId` down and gets the new prefix. Returns the ids whose path changed.
   */
  async rebaseSubtree(
    em: EntityManager,
    movedId: string,
    newParentPath: string[],
    at: Date,
  ): Promise<string[]> {
    const rows = (await em.query(
      `UPDATE branches
          SET path = $2::uuid[] || path[array_position(path, $1::uuid):], updated_at = $3
        WHERE path @> ARRAY[$1]::uuid[]
        RETURNING id`,
      [movedId, newParentPath, at],
    )) as [{ id: string }[], number] | { id: string }[];
    const list = Array.isArray(rows[0]) ? (rows[0] as { id: string }[]) : (rows as { id: string }[]);
    return list.map((r) => r.id);
  }

  /**
   * History: closes the current version of each branch and opens a new one copied from its current row, at the
   * same instant. Old versions are never edited beyond setting their end.
   */
  async snapshot(em: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE branch_versions SET valid_to = $2 WHERE branch_id = ANY($1::uuid[]) AND valid_to IS NULL`,
      [ids, at],
    );
    await em.query(
      `INSERT INTO branch_versions (branch_id, name, parent_id, path, status, valid_from)
       SELECT id, name, parent_id, path, status, $2 FROM branches WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
  }

  async recordEvent(
    em: EntityManager,
    event: {
      type: string;
      branchId: string;
      actorUserId: string | null;
      at: Date;
      payload?: Record<string, unknown>;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO branch_events (type, branch_id, actor_user_id, at, payload) VALUES ($1, $2, $3, $4, $5)`,
      [event.type, event.branchId, event.actorUserId, event.at, JSON.stringify(event.payload ?? {})],
    );
  }

  /** The root-first path the branch had at that instant, or null before it existed. */
  async pathAt(branchId: string, at: Date): Promise<string[] | null> {
    const rows = (await this.dataSource.query(
      `SELECT path FROM branch_versions
        WHERE branch_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
        ORDER BY valid_from DESC LIMIT 1`,
      [branchId, at],
    )) as { path: string[] }[];
    return rows[0]?.path ?? null;
  }
}
