import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalId, rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { ViewerKindEnum } from '../identity/identity.type';
import { PublicError } from '../shared/errors';
import { isRowId } from '../shared/row-id';
import type { Viewer } from '../shared/viewer';
import type { AuditFilter } from './audit.service';

export const AuditEntryOrderField = { OCCURRED_AT: 'OCCURRED_AT' } as const;
registerOrderFields(AuditEntryOrderField, 'AuditEntryOrderField', 'audit entries', {
  OCCURRED_AT: 'By when it happened.',
});
export const AuditEntryOrder = orderInputOf(AuditEntryOrderField, 'AuditEntry', 'audit entries');

@InputType({ description: 'Which audit entries to list.' })
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only entries of this street.' })
  streetId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only entries about this object (the global ID of a Person, User, Grid …).',
  })
  subjectId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only entries by this actor: the global ID of a User or an ApiKey.',
  })
  actorId?: string | null;

  @Field(() => ViewerKindEnum, {
    nullable: true,
    description: 'Only entries made with this kind of credential.',
  })
  actorKind?: Viewer['kind'] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only these actions, e.g. ["personal_data.read", "user.updated"].',
  })
  actions?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Only entries at or after this moment.' })
  occurredFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only entries before this moment.' })
  occurredTo?: Date | null;
}

const bad = (argument: string, message: string) =>
  new PublicError('BAD_USER_INPUT', message, { argument });

/** The service filter of an `auditLog` filter; wrong IDs and periods are BAD_USER_INPUT. */
export function auditFilterOf(f: AuditLogFilterInput | null | undefined): AuditFilter {
  let subject: AuditFilter['subject'] = null;
  if (f?.subjectId) {
    const decoded = fromGlobalId(f.subjectId);
    if (!decoded || !isRowId(decoded.id))
      throw bad('filter.subjectId', '"filter.subjectId" is not the ID of an object.');
    subject = { type: decoded.typeName, id: decoded.id };
  }
  let actor: AuditFilter['actor'] = f?.actorKind ? { kind: f.actorKind } : null;
  if (f?.actorId) {
    const decoded = fromGlobalId(f.actorId);
    const kind =
      decoded?.typeName === 'User' ? 'user' : decoded?.typeName === 'ApiKey' ? 'api-key' : null;
    if (!decoded || !kind)
      throw bad('filter.actorId', '"filter.actorId" is not the ID of a User or an ApiKey.');
    if (f.actorKind && f.actorKind !== kind)
      throw bad(
        'filter.actorKind',
        `"filter.actorKind" contradicts "filter.actorId" (a ${decoded.typeName}).`,
      );
    actor = { kind, id: rowIdOf(f.actorId, decoded.typeName, 'filter.actorId') };
  }
  if (
    f?.actions &&
    f.actions.some((a) => !/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(a) || a.length > 100)
  )
    throw bad(
      'filter.actions',
      '"filter.actions" holds a name that is no action, such as user.updated.',
    );
  if (f?.occurredFrom && f.occurredTo && f.occurredFrom >= f.occurredTo)
    throw bad('filter.occurredTo', '"filter.occurredTo" must be later than "filter.occurredFrom".');
  return {
    streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
    subject,
    actor,
    actions: f?.actions,
    occurredFrom: f?.occurredFrom,
    occurredTo: f?.occurredTo,
  };
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilterInput, { nullable: true, description: 'Which entries to list.' })
  filter?: AuditLogFilterInput | null;

  @Field(() => AuditEntryOrder, {
    nullable: true,
    description: 'Ordering (default: newest first).',
  })
  orderBy?: InstanceType<typeof AuditEntryOrder> | null;
}

@ArgsType()
export class PersonalDataReadsArgs extends ConnectionArgs {
  @Field(() => Date, { nullable: true, description: 'Only reads at or after this moment.' })
  occurredFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only reads before this moment.' })
  occurredTo?: Date | null;
}
