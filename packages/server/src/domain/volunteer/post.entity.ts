import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** 党员责任岗: a service post that volunteers claim, up to its capacity. */
@Entity('service_post')
export class ServicePostEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('bigint', { name: 'grid_id', nullable: true })
  gridId!: string | null;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: string;

  @Column('integer', { nullable: true })
  capacity!: number | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('service_post_claim')
export class ServicePostClaimEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'post_id' })
  postId!: string;

  @Column('bigint', { name: 'volunteer_id' })
  volunteerId!: string;

  @Column('date', { name: 'claimed_on' })
  claimedOn!: string;

  @Column('date', { name: 'released_on', nullable: true })
  releasedOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const SERVICE_POST_KINDS = [
  'POLICY_PROMOTION',
  'MEDIATION',
  'PATROL',
  'ENVIRONMENT',
  'ELDERLY_CARE',
  'EPIDEMIC_PREVENTION',
  'CULTURE',
  'CIVILITY',
  'OTHER',
] as const;
export type ServicePostKind = (typeof SERVICE_POST_KINDS)[number];
