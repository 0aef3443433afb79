import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('grid')
export class GridEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('text')
  level!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('jsonb', { nullable: true })
  boundary!: Record<string, unknown> | null;

  @Column('double precision', { name: 'center_lng', nullable: true })
  centerLng!: number | null;

  @Column('double precision', { name: 'center_lat', nullable: true })
  centerLat!: number | null;

  @Column('integer', { nullable: true })
  households!: number | null;

  @Column('integer', { nullable: true })
  residents!: number | null;

  @Column('integer', { nullable: true })
  buildings!: number | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('grid_assignment')
export class GridAssignmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'grid_id' })
  gridId!: string;

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

export const GRID_LEVELS = ['STREET', 'COMMUNITY', 'UNIT', 'BUILDING'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const GRID_ROLES = ['INSTRUCTOR', 'LEADER', 'MEMBER', 'ASSISTANT', 'BUILDING_LEAD'] as const;
export type GridRole = (typeof GRID_ROLES)[number];
