import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('domain_event')
export class DomainEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('text')
  type!: string;

  @Column('text', { name: 'subject_type' })
  subjectType!: string;

  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Column('jsonb')
  actor!: { kind: string; id: string | null };

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'occurred_at', insert: false, update: false })
  occurredAt!: Date;
}
