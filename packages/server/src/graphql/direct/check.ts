import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { ReadCatalog, Relation } from '../relay/read-model';
import { RESOLVED_BY_METHOD } from '../schema';

/**
 * Scalars whose JSON built by PostgreSQL is exactly what the API serializes, given the SQL a read
 * model writes for them (dates as `::text`). Not Float unless cast (below), not DateTime (time
 * zones and precision differ), not JSON objects (key order).
 */
const SAME_IN_JSON = new Set(['String', 'Int', 'Boolean', 'ID', 'LocalDate']);

/**
 * A Float is the same only when its SQL ends in `::float8`: PostgreSQL 12 and later print float8
 * in the shortest form that reads back exactly, as JavaScript does (both write plain digits
 * between 1e-4 and 1e15, where our floats, hours of service, lie); numeric would print `1.50`.
 */
export const floatAlike = (sql: string) => sql.endsWith('::float8');

/**
 * Holds the read models against the built schema, at start-up: a mistake here would serve data
 * the resolvers would not (personal data unmasked and unaudited, a value serialized otherwise,
 * another type's rows). Throws naming every problem found.
 */
export function checkReadModels(schema: GraphQLSchema, catalog: ReadCatalog): void {
  const problems: string[] = [];
  for (const model of catalog.models.values()) {
    const type = schema.getType(model.type);
    if (!isObjectType(type)) {
      problems.push(`Read model ${model.type}: the schema has no object type of that name`);
      continue;
    }
    const fields = type.getFields();
    for (const name of Object.keys(model.scalars)) {
      const field = fields[name];
      const where = `Read model field ${model.type}.${name}`;
      if (!field) {
        problems.push(`${where}: the type has no such field`);
        continue;
      }
      if (personalDataOf(field)) {
        problems.push(`${where} is @personalData: it must be masked and audited by its resolver`);
      }
      if (field.extensions[RESOLVED_BY_METHOD] && !model.resolvedAlike?.includes(name)) {
        problems.push(
          `${where} has a resolver of its own: declare it in resolvedAlike only if the SQL answers the same`,
        );
      }
      if (field.args.length) problems.push(`${where} takes arguments, which a column cannot`);
      const scalar = getNullableType(field.type);
      const named = getNamedType(field.type);
      const float = named.name === 'Float' && floatAlike(model.scalars[name]!('r'));
      if (isListType(scalar) || !(SAME_IN_JSON.has(named.name) || isEnumType(named) || float)) {
        problems.push(
          `${where} is of type ${String(field.type)}, whose PostgreSQL JSON is not what the API serializes`,
        );
      }
    }
  }
  for (const [on, relations] of catalog.relations) {
    const type = on === 'Query' ? schema.getQueryType() : schema.getType(on);
    if (!isObjectType(type)) {
      problems.push(`Relations on ${on}: the schema has no object type of that name`);
      continue;
    }
    if (on !== 'Query' && !catalog.models.has(on)) {
      problems.push(`Relations on ${on}: no read model of type ${on} is declared`);
    }
    for (const [name, thunk] of relations) {
      const field = type.getFields()[name];
      const where = `Relation ${on}.${name}`;
      if (!field) problems.push(`${where}: the type has no such field`);
      else problems.push(...relationProblems(schema, catalog, where, field, thunk()));
    }
  }
  if (problems.length) {
    throw new Error(`The read models do not match the schema:\n- ${problems.join('\n- ')}`);
  }
}

function relationProblems(
  schema: GraphQLSchema,
  catalog: ReadCatalog,
  where: string,
  field: GraphQLField<unknown, unknown>,
  relation: Relation,
): string[] {
  const problems: string[] = [];
  const target = relation.model.type;
  if (catalog.models.get(target) !== relation.model) {
    problems.push(`${where} reads ${target}, whose read model is not registered by a module`);
  }
  if (personalDataOf(field)) problems.push(`${where} is @personalData`);
  const named = getNamedType(field.type).name;
  const list = isListType(getNullableType(field.type));
  if (relation.kind === 'connection') {
    const connection = schema.getType(relation.connectionType);
    const nodes = isObjectType(connection) ? connection.getFields().nodes : undefined;
    if (named !== relation.connectionType) {
      problems.push(`${where} is of type ${named}, not the connection ${relation.connectionType}`);
    } else if (!nodes || getNamedType(nodes.type).name !== target) {
      problems.push(`${where}: ${relation.connectionType} is not a connection of ${target}`);
    }
  } else if (named !== target || list !== (relation.kind === 'list')) {
    const declared = relation.kind === 'list' ? `[${target}]` : target;
    problems.push(`${where} is of type ${String(field.type)}, but its relation reads ${declared}`);
  }
  return problems;
}

function personalDataOf(field: GraphQLField<unknown, unknown>): boolean {
  return Boolean(field.astNode?.directives?.some((d) => d.name.value === 'personalData'));
}
