import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('volunteer')
export class VolunteerEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'person_id' })
  personId!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  skills!: string[];

  @Column('date', { name: 'joined_on' })
  joinedOn!: string;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** 在职党员进社区报到: an in-service party member registered with the community they live in. */
@Entity('volunteer_registration')
export class VolunteerRegistrationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'volunteer_id' })
  volunteerId!: string;

  @Column('bigint', { name: 'community_id' })
  communityId!: string;

  @Column('text', { nullable: true })
  employer!: string | null;

  @Column('date', { name: 'registered_on' })
  registeredOn!: string;

  @Column('date', { name: 'ended_on', nullable: true })
  endedOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
