import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/replicas';

/** Where the web journey leaves its screenshots, figures and logs (git-ignored: test-artifacts/). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');

/** Empties the folder of an earlier run's files and makes sure it exists. */
export function resetArtifacts(): void {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}

export function writeArtifact(name: string, content: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, content);
  return file;
}
