import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('volunteer_team')
export class VolunteerTeamEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('text')
  name!: string;

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

/** Membership of a volunteer in a team; leaving a team deletes the row. */
@Entity('volunteer_team_member')
export class VolunteerTeamMemberEntity {
  @PrimaryColumn('bigint', { name: 'team_id' })
  teamId!: string;

  @PrimaryColumn('bigint', { name: 'volunteer_id' })
  volunteerId!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('date', { name: 'joined_on' })
  joinedOn!: string;
}
