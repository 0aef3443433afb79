import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  /** ltree of ancestor ids and the own id, e.g. `1.5.9`; a subtree is `path <@ '1.5'`. */
  @Column('ltree' as never)
  path!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  code!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('date', { name: 'founded_on', nullable: true })
  foundedOn!: string | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('organization_member')
export class OrganizationMemberEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'organization_id' })
  organizationId!: string;

  @Column('bigint', { name: 'person_id' })
  personId!: string;

  @Column('text')
  role!: string;

  @Column('date', { name: 'started_on' })
  startedOn!: string;

  @Column('date', { name: 'ended_on', nullable: true })
  endedOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A grid an organization covers (e.g. a grid party branch, 网格党支部, and its grid). */
@Entity('organization_grid')
export class OrganizationGridEntity {
  @PrimaryColumn('bigint', { name: 'organization_id' })
  organizationId!: string;

  @PrimaryColumn('bigint', { name: 'grid_id' })
  gridId!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Roles in the order rosters list them: leaders first. */
export const MEMBER_ROLES = [
  'SECRETARY',
  'DEPUTY_SECRETARY',
  'COMMITTEE_MEMBER',
  'DIRECTOR',
  'DEPUTY_DIRECTOR',
  'STAFF',
  'MEMBER',
  'LIAISON',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
