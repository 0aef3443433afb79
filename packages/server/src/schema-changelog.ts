import { createHash } from 'node:crypto';
import { buildSchema } from 'graphql';
import {
  compareSchemas,
  sections,
  type RefusedChange,
  type SchemaChange,
  type Section,
} from './schema-changes';

/**
 * schema/CHANGELOG.md: one entry per version of the contract that `npm run schema` wrote, newest
 * first. Its newest entry names the version (a hash of schema/schema.graphql) it brings the
 * record up to, so the committed pair can be checked without anything else: the contract's
 * previous version is the committed schema/schema.graphql, which the newest entry vouches for.
 * Older entries are kept as they were written.
 */

export const changelogHeader = `# Schema changelog

Changes to the public GraphQL contract, \`schema/schema.graphql\`, newest first, each with the
criticality graphql-inspector gives it. Written by \`npm run schema\`: do not edit it by hand.
See "Schema changes" in \`docs/api.md\`.
`;

const sectionTitles: Record<Section, string> = {
  breaking: 'Breaking (removed after a deprecation)',
  dangerous: 'Dangerous',
  deprecation: 'Deprecations',
  'non-breaking': 'Non-breaking',
};

/** The contract files as committed; null when a file does not exist. */
export interface ContractFiles {
  schema: string | null;
  changelog: string | null;
}

export type ContractUpdate =
  | { ok: true; schema: string; changelog: string; changes: SchemaChange[] | null }
  | { ok: false; problems: string[] };

/** A short, stable name for one version of the contract. */
export function schemaVersion(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 12);
}

/** The entries of a changelog, newest first, as written. */
export function parseChangelog(text: string): string[] {
  return text.split(/\n(?=## )/).slice(1);
}

export function renderChangelog(entries: string[]): string {
  return [changelogHeader, ...entries].join('\n');
}

/** The contract version the newest entry brings the record up to. */
export function recordedVersion(entries: string[]): string | null {
  return /^## \S+ · schema ([0-9a-f]{12})$/m.exec(entries[0] ?? '')?.[1] ?? null;
}

/**
 * What `npm run schema` writes when the code prints `printed`: the contract and its changelog
 * with a new entry for what changed, or, when a breaking change was not deprecated first, the
 * problems (and nothing is to be written).
 */
export async function updateContract(
  files: ContractFiles,
  printed: string,
  date: string,
): Promise<ContractUpdate> {
  let entries: string[];
  let previous: string;
  if (files.changelog === null) {
    // The first run: the record starts from the committed contract.
    previous = files.schema ?? printed;
    entries = [baselineEntry(date, previous)];
  } else {
    entries = parseChangelog(files.changelog);
    const recorded = recordedVersion(entries);
    if (recorded === schemaVersion(printed)) previous = printed;
    else if (files.schema !== null && recorded === schemaVersion(files.schema))
      previous = files.schema;
    else return { ok: false, problems: [mismatch(recorded, files.schema)] };
  }
  if (previous === printed)
    return { ok: true, schema: printed, changelog: renderChangelog(entries), changes: null };
  const { changes, refused } = await compareSchemas(previous, printed);
  if (refused.length) return { ok: false, problems: [refusals(refused, 'nothing was written')] };
  entries = [changeEntry(date, printed, changes), ...entries];
  return { ok: true, schema: printed, changelog: renderChangelog(entries), changes };
}

/**
 * What CI checks: the contract is what the code prints, the changelog is up to date with it and
 * as generated. Each problem says what to do; none when all is well.
 */
export async function checkContract(files: ContractFiles, printed: string): Promise<string[]> {
  const problems: string[] = [];
  if (files.schema !== printed) {
    problems.push(
      'schema/schema.graphql differs from the code. Run `npm run schema` and commit the result.',
    );
    if (files.schema !== null) {
      const { refused } = await compareSchemas(files.schema, printed);
      if (refused.length) problems.push(refusals(refused, '`npm run schema` will refuse them'));
    }
  }
  if (files.changelog === null) {
    problems.push('schema/CHANGELOG.md is missing. Run `npm run schema` and commit the result.');
    return problems;
  }
  const entries = parseChangelog(files.changelog);
  if (renderChangelog(entries) !== files.changelog)
    problems.push(
      'schema/CHANGELOG.md is not as `npm run schema` writes it (was it edited by hand?).',
    );
  const recorded = recordedVersion(entries);
  if (files.schema === null || recorded !== schemaVersion(files.schema))
    problems.push(`schema/CHANGELOG.md is stale: ${mismatch(recorded, files.schema)}`);
  return problems;
}

function mismatch(recorded: string | null, schema: string | null): string {
  const actual = schema === null ? 'missing' : `version ${schemaVersion(schema)}`;
  return (
    `the newest entry of schema/CHANGELOG.md is for contract version ${recorded ?? '(none)'}, but ` +
    `schema/schema.graphql is ${actual}, so the previous version is unknown (edited by hand, or ` +
    'merged from two branches?). Take both files from one side (e.g. `git checkout origin/main ' +
    '-- schema/schema.graphql schema/CHANGELOG.md`) and run `npm run schema` again.'
  );
}

function refusals(refused: RefusedChange[], outcome: string): string {
  const lines = refused.map((r) => `  - ${r.what}: ${r.why}`);
  return [
    `${refused.length} breaking change(s) that were not deprecated first (${outcome}):`,
    ...lines,
  ].join('\n');
}

function heading(date: string, sdl: string): string {
  return `## ${date} · schema ${schemaVersion(sdl)}`;
}

function baselineEntry(date: string, sdl: string): string {
  const types = Object.keys(buildSchema(sdl).getTypeMap()).filter((n) => !n.startsWith('__'));
  return (
    `${heading(date, sdl)}\n\nThe contract as it stood when this changelog began ` +
    `(${types.length} types). Changes are recorded from here on.\n`
  );
}

function changeEntry(date: string, sdl: string, changes: SchemaChange[]): string {
  const parts = [heading(date, sdl)];
  for (const section of sections) {
    const listed = changes.filter((c) => c.section === section);
    if (listed.length)
      parts.push(`### ${sectionTitles[section]}`, listed.map(changeLine).join('\n'));
  }
  if (!changes.length)
    parts.push('- No change graphql-inspector reports: only the printed text changed.');
  return `${parts.join('\n\n')}\n`;
}

function changeLine(change: SchemaChange): string {
  const described = /_DESCRIPTION_(ADDED|REMOVED|CHANGED)$/.exec(change.type);
  // A description's text can be long, span lines and hold anything: only say that it changed.
  const message = described
    ? `Description ${described[1]!.toLowerCase()}`
    : markdown(change.message.replace(/\s+/g, ' ').trim());
  const level =
    change.section === 'breaking' ? `${change.criticality}, deprecated before` : change.criticality;
  return `- ${change.path ? `\`${change.path}\`: ` : ''}${message} (${level})`;
}

/** graphql-inspector's 'quoted' names as code, everything else escaped for Markdown. */
function markdown(message: string): string {
  const escape = (text: string) => text.replace(/[\\`*_<]/g, (c) => `\\${c}`);
  let out = '';
  let last = 0;
  for (const m of message.matchAll(/(?<=^|[\s(])'(.+?)'(?=$|[\s),.:;])/g)) {
    if (m[1]!.includes('`')) continue;
    out += `${escape(message.slice(last, m.index))}\`${m[1]}\``;
    last = m.index + m[0].length;
  }
  return out + escape(message.slice(last));
}
