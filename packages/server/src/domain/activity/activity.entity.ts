import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('activity')
export class ActivityEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  title!: string;

  @Column('bigint', { name: 'brand_id', nullable: true })
  brandId!: string | null;

  @Column('bigint', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('bigint', { name: 'grid_id', nullable: true })
  gridId!: string | null;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at', nullable: true })
  endsAt!: Date | null;

  @Column('text', { nullable: true })
  place!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('activity_participant')
export class ActivityParticipantEntity {
  @PrimaryColumn('bigint', { name: 'activity_id' })
  activityId!: string;

  @PrimaryColumn('bigint', { name: 'person_id' })
  personId!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('text')
  role!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const ACTIVITY_KINDS = [
  'LECTURE',
  'DELIBERATION',
  'VOLUNTEER_SERVICE',
  'RECTIFICATION',
  'CULTURAL',
  'MEETING',
  'OTHER',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const PARTICIPANT_ROLES = ['ORGANIZER', 'SPEAKER', 'VOLUNTEER', 'PARTICIPANT'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
