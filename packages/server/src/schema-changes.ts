import {
  ChangeType,
  CriticalityLevel,
  diff,
  DiffRule,
  type Change,
  type TypeOfChangeType,
} from '@graphql-inspector/core';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

const named = (type: GraphQLType) => getNamedType(type).name;

/**
 * The schema change policy, over two versions of the public contract (SDL): every change
 * graphql-inspector finds, with the criticality it assigns, and the breaking ones we refuse.
 *
 * A breaking change is let through only when it removes something the previous version had
 * already deprecated (a field, an argument, an input field, an enum value; a type once every
 * field, argument and input field that uses it was deprecated). Anything else breaking — removing
 * without deprecating, changing a type incompatibly, a new required argument — is refused: clients
 * get a release in which the deprecation tells them to move before the thing goes.
 */

/** The changelog's sections, in the order they are listed. */
export const sections = ['breaking', 'dangerous', 'deprecation', 'non-breaking'] as const;
export type Section = (typeof sections)[number];

export interface SchemaChange {
  section: Section;
  /** graphql-inspector's criticality: BREAKING, DANGEROUS or NON_BREAKING. */
  criticality: CriticalityLevel;
  type: TypeOfChangeType;
  /** graphql-inspector's path, as `Type.field.argument` or `Enum.VALUE`. */
  path: string;
  message: string;
  /** Why graphql-inspector gives it that criticality, when it says. */
  reason?: string;
}

export interface RefusedChange {
  /** What changed, as a person reads it: `field Query.x`, `argument Query.x(y:)`, `type T`. */
  what: string;
  why: string;
}

export interface SchemaComparison {
  /** Everything that changed, the breaking changes that were let through included. */
  changes: SchemaChange[];
  /** Breaking changes that were not deprecated first; empty when the new version may go. */
  refused: RefusedChange[];
}

const removals = new Set<TypeOfChangeType>([
  ChangeType.FieldRemoved,
  ChangeType.FieldArgumentRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.EnumValueRemoved,
  ChangeType.TypeRemoved,
]);

/** Compares two versions of the contract; `previous` is the one clients know. */
export async function compareSchemas(previous: string, next: string): Promise<SchemaComparison> {
  const [before, after] = [buildSchema(previous), buildSchema(next)];
  // simplifyChanges leaves out what another change implies: a new type's fields, and the
  // directive usages that repeat a deprecation.
  const found = await diff(before, after, [DiffRule.simplifyChanges]);
  const changes: SchemaChange[] = [];
  const refused: RefusedChange[] = [];
  for (const change of found) {
    const path = change.path ?? '';
    const entry: SchemaChange = {
      section: sectionOf(change),
      criticality: change.criticality.level,
      type: change.type,
      path,
      message: change.message,
      ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
    };
    changes.push(entry);
    if (entry.criticality !== CriticalityLevel.Breaking) continue;
    const why = refusal(change, before, after);
    if (why) refused.push({ what: describe(change), why });
  }
  const order = (c: SchemaChange) => sections.indexOf(c.section);
  changes.sort((a, b) => order(a) - order(b) || a.path.localeCompare(b.path, 'en'));
  refused.sort((a, b) => a.what.localeCompare(b.what, 'en'));
  return { changes, refused };
}

function sectionOf(change: Change): Section {
  if (change.criticality.level === CriticalityLevel.Breaking) return 'breaking';
  if (change.criticality.level === CriticalityLevel.Dangerous) return 'dangerous';
  // Arguments and input fields have no deprecation change of their own: their @deprecated shows
  // as a directive usage, whose path ends in it.
  const deprecation =
    change.type.includes('DEPRECATION') || /\.@deprecated\b/.test(change.path ?? '');
  return deprecation ? 'deprecation' : 'non-breaking';
}

/** Why a breaking change may not go, or null when it removes what was deprecated before. */
function refusal(change: Change, before: GraphQLSchema, after: GraphQLSchema): string | null {
  if (removals.has(change.type)) {
    const [typeName = '', member, argument] = (change.path ?? '').split('.');
    if (change.type === ChangeType.TypeRemoved) {
      const users = undeprecatedUsers(before, after, typeName);
      return users.length
        ? `removed while ${users.join(', ')} still used it without being deprecated; deprecate those first`
        : null;
    }
    if (deprecatedIn(before, typeName, member, argument)) return null;
    return 'removed without being deprecated first; mark it @deprecated(reason: "…") in one change and remove it in a later one';
  }
  const reason = change.criticality.reason ? ` (${change.criticality.reason})` : '';
  if (change.type.endsWith('_TYPE_CHANGED'))
    return `${change.message}${reason}; a change of type cannot be deprecated first: add a new field or argument with the new type beside it and deprecate this one`;
  return `${change.message}${reason}; this cannot be deprecated first: add the new shape beside the old one`;
}

function deprecatedIn(
  schema: GraphQLSchema,
  typeName: string,
  member: string | undefined,
  argument: string | undefined,
): boolean {
  const type = schema.getType(typeName);
  if (!member) return false;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason != null;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    if (argument === undefined) return field.deprecationReason != null;
    const arg = 'args' in field ? field.args.find((a) => a.name === argument) : undefined;
    return arg?.deprecationReason != null;
  }
  return false;
}

/**
 * The fields, arguments and input fields of the previous version that used `typeName` without
 * being deprecated, leaving out those of types that go too (their own removal is judged apart).
 */
function undeprecatedUsers(before: GraphQLSchema, after: GraphQLSchema, typeName: string) {
  const users: string[] = [];
  for (const type of Object.values(before.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === typeName || !after.getType(type.name)) continue;
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const uses = named(field.type) === typeName;
      if (uses && field.deprecationReason == null) users.push(`${type.name}.${field.name}`);
      for (const arg of 'args' in field ? field.args : []) {
        if (named(arg.type) === typeName && arg.deprecationReason == null)
          users.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
  }
  return users;
}

/** The changed element as a person names it. */
function describe(change: Change): string {
  if (!change.path) return change.message;
  if (change.path.startsWith('@')) return `directive ${change.path}`;
  const [type, member, argument] = change.path.split('.');
  if (!member) return `type ${type}`;
  if (change.type.startsWith('FIELD_ARGUMENT_') && argument)
    return `argument ${type}.${member}(${argument}:)`;
  if (change.type.startsWith('ENUM_VALUE_')) return `enum value ${type}.${member}`;
  if (change.type.startsWith('INPUT_FIELD_')) return `input field ${type}.${member}`;
  if (change.type.startsWith('FIELD_')) return `field ${type}.${member}`;
  return change.path;
}
