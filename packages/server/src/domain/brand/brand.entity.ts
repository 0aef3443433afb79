import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('brand')
export class BrandEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  /** ltree of ancestor ids and the own id, e.g. `4.7`; a subtree is `path <@ '4.7'`. */
  @Column('ltree' as never)
  path!: string;

  @Column('bigint', { name: 'owner_organization_id' })
  ownerId!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  slogan!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('boolean', { name: 'is_primary', default: false })
  isPrimary!: boolean;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
