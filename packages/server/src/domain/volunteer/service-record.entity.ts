import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A volunteer service record (志愿服务记录). Never edited once written, except to confirm it:
 * a mistake is corrected by a new record that supersedes it.
 */
@Entity('service_record')
export class ServiceRecordEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'volunteer_id' })
  volunteerId!: string;

  @Column('bigint', { name: 'recorded_by_organization_id' })
  organizationId!: string;

  @Column('date', { name: 'served_on' })
  servedOn!: string;

  /** numeric(5, 2): pg returns it as a string. */
  @Column('numeric', { precision: 5, scale: 2 })
  hours!: string;

  @Column('integer', { name: 'people_served', default: 0 })
  peopleServed!: number;

  @Column('bigint', { name: 'post_id', nullable: true })
  postId!: string | null;

  @Column('bigint', { name: 'activity_id', nullable: true })
  activityId!: string | null;

  @Column('text')
  description!: string;

  @Column('text', { nullable: true })
  place!: string | null;

  @Column('bigint', { name: 'supersedes_id', nullable: true })
  supersedesId!: string | null;

  @Column('bigint', { name: 'confirmed_by_person_id', nullable: true })
  confirmedById!: string | null;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
