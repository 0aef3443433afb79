import {
  changelogHeader,
  checkContract,
  parseChangelog,
  recordedVersion,
  schemaVersion,
  updateContract,
} from '../../src/schema-changelog';
import { compareSchemas } from '../../src/schema-changes';

/**
 * Schema change control: a breaking change to the public contract goes only after a deprecation,
 * and every change is recorded in schema/CHANGELOG.md with graphql-inspector's criticality.
 */
const v1 = `
type Query {
  "A case by its number."
  case(number: Int): Case
  cases(status: Status, limit: Int @deprecated(reason: "Use first.")): [Case!]!
  legacyCase(id: ID!): OldCase @deprecated(reason: "Use case.")
}
type Case { number: Int!, title: String!, summary: String @deprecated(reason: "Use title.") }
type OldCase { id: ID! }
enum Status { OPEN CLOSED ARCHIVED @deprecated(reason: "Closed cases are kept.") }
`;

/** v1 with one edit. */
const edit = (from: string, to: string) => {
  expect(v1).toContain(from);
  return v1.replace(from, to);
};

describe('compareSchemas', () => {
  it('refuses removing a field that was not deprecated, naming it', async () => {
    const { refused } = await compareSchemas(v1, edit('title: String!, ', ''));
    expect(refused).toEqual([
      { what: 'field Case.title', why: expect.stringMatching(/without being deprecated first/) },
    ]);
  });

  it('lets a deprecated field go, recording it as breaking', async () => {
    const { refused, changes } = await compareSchemas(
      v1,
      edit(', summary: String @deprecated(reason: "Use title.")', ''),
    );
    expect(refused).toEqual([]);
    expect(changes).toEqual([
      expect.objectContaining({
        section: 'breaking',
        criticality: 'BREAKING',
        path: 'Case.summary',
      }),
    ]);
  });

  it('records deprecations of arguments and enum values as deprecations', async () => {
    const { refused, changes } = await compareSchemas(
      v1,
      edit('case(number: Int)', 'case(number: Int @deprecated(reason: "Use id."))').replace(
        'OPEN CLOSED',
        'OPEN CLOSED @deprecated(reason: "Use ARCHIVED.")',
      ),
    );
    expect(refused).toEqual([]);
    expect(changes.map((c) => [c.section, c.path])).toEqual([
      ['deprecation', 'Query.case.number.@deprecated'],
      ['deprecation', 'Status.CLOSED.@deprecated'],
    ]);
  });

  it('lets a deprecation through, recorded as one', async () => {
    const { refused, changes } = await compareSchemas(
      v1,
      edit('title: String!', 'title: String! @deprecated(reason: "Use name.")'),
    );
    expect(refused).toEqual([]);
    expect(changes).toEqual([
      expect.objectContaining({
        section: 'deprecation',
        criticality: 'NON_BREAKING',
        type: 'FIELD_DEPRECATION_ADDED',
        path: 'Case.title.@deprecated',
      }),
    ]);
  });

  it('refuses retyping an argument from Int to String!', async () => {
    const { refused } = await compareSchemas(
      v1,
      edit('case(number: Int)', 'case(number: String!)'),
    );
    expect(refused).toEqual([
      {
        what: 'argument Query.case(number:)',
        why: expect.stringMatching(/changed from 'Int' to 'String!'/),
      },
    ]);
  });

  it('refuses removing an enum value that was not deprecated, and lets a deprecated one go', async () => {
    const { refused } = await compareSchemas(v1, edit('OPEN CLOSED', 'OPEN'));
    expect(refused).toEqual([
      {
        what: 'enum value Status.CLOSED',
        why: expect.stringMatching(/without being deprecated first/),
      },
    ]);
    const deprecated = await compareSchemas(
      v1,
      edit('ARCHIVED @deprecated(reason: "Closed cases are kept.")', ''),
    );
    expect(deprecated.refused).toEqual([]);
  });

  it('lets a deprecated argument go, but not a field type changed incompatibly', async () => {
    expect(
      (await compareSchemas(v1, edit(', limit: Int @deprecated(reason: "Use first.")', '')))
        .refused,
    ).toEqual([]);
    expect((await compareSchemas(v1, edit('number: Int!', 'number: String!'))).refused).toEqual([
      { what: 'field Case.number', why: expect.stringMatching(/changed type from 'Int!'/) },
    ]);
  });

  it('lets a type go with the deprecated fields that used it, not while a field still uses it', async () => {
    const gone = edit('legacyCase(id: ID!): OldCase @deprecated(reason: "Use case.")', '').replace(
      'type OldCase { id: ID! }',
      '',
    );
    expect((await compareSchemas(v1, gone)).refused).toEqual([]);

    const used = `${v1}\ntype Extra { old: OldCase }\nextend type Query { extra: Extra }`;
    const { refused } = await compareSchemas(
      used,
      edit('legacyCase(id: ID!): OldCase @deprecated(reason: "Use case.")', '')
        .replace('type OldCase { id: ID! }', '')
        .concat('\ntype Extra { x: Int }\nextend type Query { extra: Extra }'),
    );
    expect(refused.map((r) => r.what)).toEqual(['field Extra.old', 'type OldCase']);
    expect(refused[1]!.why).toMatch(/Extra\.old still used it/);
  });
});

describe('the changelog', () => {
  const v2 = edit('title: String!', 'title: String! @deprecated(reason: "Use name.")').replace(
    'type Case {',
    'type Case { name: String!,',
  );
  const v3 = v2.replace(', summary: String @deprecated(reason: "Use title.")', '');

  it('accumulates entries, newest first, and changes nothing when the contract did not change', async () => {
    const first = await updateContract({ schema: v1, changelog: null }, v1, '2026-01-01');
    expect(first).toMatchObject({ ok: true, changes: null });
    if (!first.ok) throw new Error('refused');
    expect(first.changelog).toBe(
      `${changelogHeader}\n## 2026-01-01 · schema ${schemaVersion(v1)}\n\n` +
        'The contract as it stood when this changelog began (8 types). Changes are recorded from here on.\n',
    );

    const second = await updateContract(
      { schema: v1, changelog: first.changelog },
      v2,
      '2026-02-01',
    );
    if (!second.ok) throw new Error(second.problems.join('\n'));
    const third = await updateContract(
      { schema: v2, changelog: second.changelog },
      v3,
      '2026-03-01',
    );
    if (!third.ok) throw new Error(third.problems.join('\n'));
    const entries = parseChangelog(third.changelog);
    expect(entries).toHaveLength(3);
    expect(recordedVersion(entries)).toBe(schemaVersion(v3));
    expect(entries[0]).toBe(
      `## 2026-03-01 · schema ${schemaVersion(v3)}\n\n` +
        '### Breaking (removed after a deprecation)\n\n' +
        '- `Case.summary`: Field `summary` (deprecated) was removed from object type `Case` (BREAKING, deprecated before)\n',
    );
    expect(entries[1]).toBe(
      `## 2026-02-01 · schema ${schemaVersion(v2)}\n\n` +
        '### Deprecations\n\n' +
        '- `Case.title.@deprecated`: Field `Case.title` is deprecated (NON_BREAKING)\n\n' +
        '### Non-breaking\n\n' +
        '- `Case.name`: Field `name` was added to object type `Case` (NON_BREAKING)\n',
    );

    const again = await updateContract(
      { schema: v3, changelog: third.changelog },
      v3,
      '2026-04-01',
    );
    expect(again).toEqual({ ok: true, schema: v3, changelog: third.changelog, changes: null });
    expect(await checkContract({ schema: v3, changelog: third.changelog }, v3)).toEqual([]);
  });

  it('writes nothing for a breaking change that was not deprecated first, and says which', async () => {
    const start = await updateContract({ schema: v1, changelog: null }, v1, '2026-01-01');
    if (!start.ok) throw new Error('refused');
    const broken = edit('OPEN CLOSED', 'OPEN').replace('title: String!, ', '');
    const update = await updateContract({ schema: v1, changelog: start.changelog }, broken, 'x');
    expect(update.ok).toBe(false);
    const [problem] = update.ok ? [] : update.problems;
    expect(problem).toMatch(/^2 breaking change\(s\) that were not deprecated first/);
    expect(problem).toMatch(/- enum value Status\.CLOSED: /);
    expect(problem).toMatch(/- field Case\.title: removed without being deprecated first/);
  });

  it('is checked: a contract behind the code, and a stale or edited changelog, fail', async () => {
    const start = await updateContract({ schema: v1, changelog: null }, v1, '2026-01-01');
    if (!start.ok) throw new Error('refused');
    const breaking = edit('title: String!, ', '');
    // The code changed, nothing was regenerated: the breaking change is named.
    expect(await checkContract({ schema: v1, changelog: start.changelog }, breaking)).toEqual([
      expect.stringMatching(/schema\/schema\.graphql differs from the code/),
      expect.stringMatching(/field Case\.title: removed without being deprecated first/),
    ]);
    // The contract was regenerated (or edited) without its changelog.
    expect(await checkContract({ schema: breaking, changelog: start.changelog }, breaking)).toEqual(
      [expect.stringMatching(/^schema\/CHANGELOG\.md is stale: .* is for contract version/)],
    );
    // and `npm run schema` then does not guess what the previous version was.
    expect(
      await updateContract({ schema: breaking, changelog: start.changelog }, breaking, 'x'),
    ).toEqual({ ok: false, problems: [expect.stringMatching(/previous version is unknown/)] });
    expect(
      await checkContract(
        { schema: v1, changelog: start.changelog.replace('newest', 'latest') },
        v1,
      ),
    ).toEqual([expect.stringMatching(/not as `npm run schema` writes it/)]);
    expect(await checkContract({ schema: v1, changelog: null }, v1)).toEqual([
      expect.stringMatching(/schema\/CHANGELOG\.md is missing/),
    ]);
  });
});
