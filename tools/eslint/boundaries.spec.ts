import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Lints a snippet as though it were the file at `filePath`, through the repo's real ESLint configuration. */
function lint(filePath: string, code: string): string[] {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    { cwd: ROOT, input: code, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return (report?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint enforces the boundaries of DESIGN.md', () => {
  it('lets a lib import the libs below it through their public alias', () => {
    expect(lint('libs/catalogue/src/x.ts', "import { IdentityFacade } from '@ocop/identity';\nexport const x = IdentityFacade;\n")).toEqual([]);
  });

  it('fails an upward import (identity may not import catalogue; kernel may not import anything)', () => {
    expect(lint('libs/identity/src/x.ts', "import { a } from '@ocop/catalogue';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/boundaries\/imports: lib 'identity' may not import '@ocop\/catalogue'/),
    ]);
    expect(lint('libs/kernel/src/x.ts', "import { a } from '@ocop/config';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/may not import '@ocop\/config'/),
    ]);
  });

  it('fails a deep import into another lib, by alias or by relative path', () => {
    expect(lint('libs/catalogue/src/x.ts', "import { a } from '@ocop/identity/domain/errors';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/reaches inside a lib/),
    ]);
    expect(lint('libs/catalogue/src/x.ts', "import { a } from '../../identity/src/domain/errors';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/leaves libs\/catalogue/),
    ]);
  });

  it('keeps test helpers out of production code', () => {
    expect(lint('libs/identity/src/x.ts', "import { a } from '@ocop/testing';\nexport const x = a;\n")).toEqual([
      expect.stringMatching(/may not import '@ocop\/testing'/),
    ]);
    expect(lint('libs/identity/src/x.int-spec.ts', "import { createTestApp } from '@ocop/testing';\nit('x', () => expect(createTestApp).toBeDefined());\n")).toEqual([]);
  });

  it('bans focused and skipped tests', () => {
    const messages = lint('libs/kernel/src/x.spec.ts', "it.only('a', () => expect(1).toBe(1));\nit.skip('b', () => expect(1).toBe(1));\n");
    expect(messages).toEqual([
      expect.stringMatching(/^jest\/no-focused-tests/),
      expect.stringMatching(/^jest\/no-disabled-tests/),
    ]);
  });
});
