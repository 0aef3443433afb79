import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An audit log entry. The server only inserts them (domain/shared/audit.ts, events.ts). */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { name: 'subject_type' })
  subjectType!: string;

  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Column('text', { array: true })
  fields!: string[];

  @Column('jsonb', { nullable: true })
  details!: Record<string, unknown> | null;

  @Column('text', { name: 'actor_kind' })
  actorKind!: string;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole!: string | null;

  @Column('text', { name: 'client_address', nullable: true })
  clientAddress!: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;
}
