import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { JSONObject } from '../../graphql/relay/scalars';
import { RoleEnum, ViewerKindEnum } from '../identity/identity.type';
import { isRowId } from '../shared/row-id';
import type { Role, Viewer } from '../shared/viewer';
import type { AuditRecord } from './audit.service';

@ObjectType({
  implements: Node,
  description:
    'One audit log entry (审计日志): who read or changed what, when, with which credential and from which address. Entries never change.',
})
export class AuditEntry extends Node {
  @Field({
    description:
      'What happened: `personal_data.read` for a full read of personal data, else the domain event of the change (docs/events.md), e.g. `user.updated`.',
  })
  action!: string;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  @Field({ description: 'The type of what was read or changed, e.g. Person, User.' })
  subjectType!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The global ID of what was read or changed (use `node`); null if it has none.',
  })
  subjectId!: string | null;

  @Field(() => [String], {
    description: 'The fields read (personal data: PHONE, ID_NUMBER); empty for changes.',
  })
  fields!: string[];

  @Field(() => JSONObject, {
    nullable: true,
    description: "What changed: the event's payload (never personal data).",
  })
  details!: Record<string, unknown> | null;

  @Field(() => ViewerKindEnum, {
    description: 'The credential the actor used: a user, an API key, the admin token, the system.',
  })
  actorKind!: Viewer['kind'];

  @Field(() => RoleEnum, { nullable: true, description: "The actor's role at the time." })
  actorRole!: Role | null;

  @Field(() => String, {
    nullable: true,
    description: 'The network address the request came from.',
  })
  address!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The request it happened in (X-Request-Id in the server log).',
  })
  requestId!: string | null;

  record!: AuditRecord;

  static from(r: AuditRecord): AuditEntry {
    return Object.assign(new AuditEntry(), {
      id: toGlobalId('AuditEntry', r.id),
      action: r.action,
      occurredAt: r.occurredAt,
      subjectType: r.subjectType,
      subjectId: isRowId(r.subjectId) ? toGlobalId(r.subjectType, r.subjectId) : null,
      fields: r.fields,
      details: r.details,
      actorKind: r.actorKind,
      actorRole: r.actorRole,
      address: r.clientAddress,
      requestId: r.requestId,
      record: r,
    });
  }
}

export const { Connection: AuditEntryConnection } = connectionOf(
  AuditEntry,
  'AuditEntry',
  'audit entries',
);
