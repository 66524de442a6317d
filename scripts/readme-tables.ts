// npm run docs: the Inputs and Outputs tables of README.md, generated from action.yml (the public
// contract) and written between the <!-- inputs:start --> / <!-- inputs:end --> markers (same for
// outputs). __tests__/docs/readme.test.ts fails when the README's tables drift from action.yml.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(import.meta.dirname, '..');
export const ACTION_YML = resolve(ROOT, 'action.yml');
export const README = resolve(ROOT, 'README.md');

export interface ActionInput {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly default: string | undefined;
}

export interface ActionOutput {
  readonly name: string;
  readonly description: string;
}

export interface ActionMetadata {
  readonly inputs: readonly ActionInput[];
  readonly outputs: readonly ActionOutput[];
}

type Section = 'inputs' | 'outputs';

export function readActionMetadata(yamlText: string): ActionMetadata {
  const doc = parse(yamlText) as {
    inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown } | null>;
    outputs?: Record<string, { description?: unknown } | null>;
  };
  const inputs = Object.entries(doc.inputs ?? {}).map(([name, spec]) => ({
    name,
    description: String(spec?.description ?? ''),
    required: spec?.required === true || spec?.required === 'true',
    default: spec?.default === undefined || spec.default === null ? undefined : String(spec.default),
  }));
  const outputs = Object.entries(doc.outputs ?? {}).map(([name, spec]) => ({
    name,
    description: String(spec?.description ?? ''),
  }));
  return { inputs, outputs };
}

/** One line of table text: folded whitespace, and no pipe that would split the cell. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function code(text: string): string {
  // A value with a backtick in it needs a longer fence (CommonMark code spans).
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

export function inputsTable(metadata: ActionMetadata): string {
  const rows = metadata.inputs.map((input) => {
    const fallback = input.required
      ? '**required**'
      : input.default === undefined || input.default === ''
        ? ''
        : code(input.default);
    return `| ${code(input.name)} | ${fallback} | ${cell(input.description)} |`;
  });
  return ['| Input | Default | Description |', '|---|---|---|', ...rows].join('\n');
}

export function outputsTable(metadata: ActionMetadata): string {
  const rows = metadata.outputs.map((output) => `| ${code(output.name)} | ${cell(output.description)} |`);
  return ['| Output | Description |', '|---|---|', ...rows].join('\n');
}

function markers(section: Section): { start: string; end: string } {
  return { start: `<!-- ${section}:start -->`, end: `<!-- ${section}:end -->` };
}

/** The text between a section's markers, without the blank lines around it; undefined when a marker is missing. */
export function tableIn(readme: string, section: Section): string | undefined {
  const { start, end } = markers(section);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return undefined;
  return readme.slice(from + start.length, to).trim();
}

function replaceSection(readme: string, section: Section, table: string): string {
  const { start, end } = markers(section);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from + start.length);
  if (from < 0 || to < 0) {
    throw new Error(`README.md has no ${start} ... ${end} markers: add them where the table belongs`);
  }
  return `${readme.slice(0, from + start.length)}\n\n${table}\n\n${readme.slice(to)}`;
}

/** README.md with both tables regenerated from action.yml. */
export function withTables(readme: string, actionYaml: string): string {
  const metadata = readActionMetadata(actionYaml);
  return replaceSection(
    replaceSection(readme, 'inputs', inputsTable(metadata)),
    'outputs',
    outputsTable(metadata),
  );
}

function main(): void {
  const readme = readFileSync(README, 'utf8');
  const updated = withTables(readme, readFileSync(ACTION_YML, 'utf8'));
  if (updated === readme) {
    console.log('README.md: the Inputs and Outputs tables already match action.yml');
    return;
  }
  writeFileSync(README, updated);
  console.log('README.md: rewrote the Inputs and Outputs tables from action.yml');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
