import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Case duties an account may hold beside its role (受理员, 值班长, 派遣员, 监督员). */
export const CASE_DUTIES = ['INTAKE', 'SHIFT_LEAD', 'DISPATCHER', 'INSPECTOR'] as const;
export type CaseDuty = (typeof CASE_DUTIES)[number];

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('text')
  username!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column('text', { name: 'external_subject', nullable: true })
  externalSubject!: string | null;

  @Column('text')
  role!: string;

  @Column('bigint', { name: 'district_id', nullable: true })
  districtId!: string | null;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('bigint', { name: 'community_id', nullable: true })
  communityId!: string | null;

  @Column('bigint', { name: 'grid_id', nullable: true })
  gridId!: string | null;

  @Column('text', { name: 'grid_code', nullable: true })
  gridCode!: string | null;

  @Column('bigint', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column('bigint', { name: 'person_id', nullable: true })
  personId!: string | null;

  /** Case duties held beside the role (受理员 INTAKE, 值班长 SHIFT_LEAD, 派遣员 DISPATCHER, 监督员 INSPECTOR). */
  @Column('text', { name: 'case_duties', array: true, default: () => "'{}'" })
  caseDuties!: string[];

  @Column('integer', { name: 'token_version', default: 0 })
  tokenVersion!: number;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;

  @Column('timestamptz', { name: 'password_changed_at', nullable: true })
  passwordChangedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('text')
  name!: string;

  @Column('text')
  prefix!: string;

  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('text', { array: true })
  scopes!: string[];

  @Column('bigint', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
