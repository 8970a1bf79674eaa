import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AssetStorage, assertSafeKey, StoredFile } from './asset-storage';
import { contentTypeOfKey } from './content-types';

/** Files on the local disk under one folder (ASSETS_DIR). Writes go to a temporary name first, then rename. */
export class LocalAssetStorage implements AssetStorage {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = path.resolve(dir);
  }

  private file(key: string): string {
    assertSafeKey(key);
    const file = path.join(this.root, ...key.split('/'));
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Unsafe storage key: ${key}`);
    return file;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.part`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async open(key: string): Promise<StoredFile | null> {
    const file = this.file(key);
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return null;
      return { body: createReadStream(file), byteLength: stat.size, contentType: contentTypeOfKey(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    const target = this.file(prefix.replace(/\/+$/, ''));
    await fs.rm(target, { recursive: true, force: true });
    await this.pruneEmptyParents(path.dirname(target));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => fs.rm(this.file(key), { force: true })));
    await Promise.all(
      [...new Set(keys.map((key) => path.dirname(this.file(key))))].map((dir) => this.pruneEmptyParents(dir)),
    );
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.file(prefix.replace(/\/+$/, ''));
    const out: string[] = [];
    const walk = async (at: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(at, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        const full = path.join(at, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (!entry.name.endsWith('.part'))
          out.push(path.relative(this.root, full).split(path.sep).join('/'));
      }
    };
    await walk(dir);
    return out.sort();
  }

  /** Removes folders left empty, up to the root, so that a swept upload leaves nothing behind. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let at = dir;
    while (at.startsWith(this.root + path.sep)) {
      try {
        await fs.rmdir(at);
      } catch {
        return;
      }
      at = path.dirname(at);
    }
  }
}
