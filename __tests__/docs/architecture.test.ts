// docs/ARCHITECTURE.md stays in step with the code: every module under src/ is described there, and
// every path it names exists.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE = readFileSync(resolve(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

/** Every .ts file under `dir`. */
function modules(dir: string): string[] {
  return readdirSync(resolve(ROOT, dir))
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(resolve(ROOT, path)).isDirectory()) return modules(path);
      return entry.endsWith('.ts') ? [path] : [];
    });
}

describe('docs/ARCHITECTURE.md', () => {
  it.each(modules('src').map((m) => [m]))('describes %s', (module) => {
    const named = PAGE.includes(`\`${module}\``);
    // A file inside a directory the page describes as a whole counts when the page names the file.
    const parent = module.slice(0, module.lastIndexOf('/') + 1);
    const file = module.slice(parent.length);
    const inDirectoryRow = PAGE.split('\n').some(
      (line) => line.includes(`\`${parent}\``) && line.includes(`\`${file}\``),
    );
    expect(named || inDirectoryRow, `add ${module} to docs/ARCHITECTURE.md`).toBe(true);
  });

  it('names only paths that exist', () => {
    const paths = [...PAGE.matchAll(/`((?:src|sandbox|scripts|bench|__tests__|dist|docs)\/[^`\s]*)`/g)].map(
      (m) => m[1]!,
    );
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((p) => !existsSync(resolve(ROOT, p)))).toEqual([]);
  });
});
