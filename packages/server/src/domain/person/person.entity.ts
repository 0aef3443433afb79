import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('person')
export class PersonEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  gender!: string | null;

  @Column('smallint', { name: 'birth_year', nullable: true })
  birthYear!: number | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { name: 'id_number', nullable: true })
  idNumber!: string | null;

  @Column('boolean', { name: 'is_staff', default: false })
  isStaff!: boolean;

  @Column('text', { name: 'party_status', nullable: true })
  partyStatus!: string | null;

  @Column('text', { name: 'party_kind', nullable: true })
  partyKind!: string | null;

  @Column('date', { name: 'party_joined_on', nullable: true })
  partyJoinedOn!: string | null;

  @Column('bigint', { name: 'home_grid_id', nullable: true })
  homeGridId!: string | null;

  @Column('text', { nullable: true })
  employer!: string | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
