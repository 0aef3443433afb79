import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Why an endpoint is disabled: by an administrator, or by the server after repeated failure. */
export const DISABLE_CAUSES = ['ADMINISTRATOR', 'FAILURES'] as const;
export type DisableCause = (typeof DISABLE_CAUSES)[number];

/** Where a delivery stands: waiting for (another) attempt, received, given up, or stopped. */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A receiver of a street's events: its URL, the event types it takes, its secret and health. */
@Entity('webhook_endpoint')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('text')
  url!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  /** Event type names, or `<area>.*` for every type of an area. */
  @Column('text', { name: 'event_types', array: true })
  eventTypes!: string[];

  /** The signing secret (`whsec_…`): shown once, never read back through the API. */
  @Column('text')
  secret!: string;

  /** The secret before the last rotation, still signing beside the new one until it expires. */
  @Column('text', { name: 'previous_secret', nullable: true })
  previousSecret!: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @Column('text', { name: 'disabled_cause', nullable: true })
  disabledCause!: DisableCause | null;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason!: string | null;

  /** Failed attempts since the last success, over all the endpoint's deliveries. */
  @Column('integer', { name: 'consecutive_failures', default: 0 })
  consecutiveFailures!: number;

  /** When the first of those failed attempts started; null while the endpoint is healthy. */
  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince!: Date | null;

  @Column('timestamptz', { name: 'last_success_at', nullable: true })
  lastSuccessAt!: Date | null;

  @Column('timestamptz', { name: 'last_failure_at', nullable: true })
  lastFailureAt!: Date | null;

  @Column('bigint', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One event sent to one endpoint (or sent again: a redelivery), with its last attempt. */
@Entity('webhook_delivery')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'endpoint_id' })
  endpointId!: string;

  @Column('bigint', { name: 'event_id' })
  eventId!: string;

  /** The transaction that wrote the event (its xid8): with the id, the event's cursor. */
  @Column('bigint', { name: 'event_tx_id' })
  eventTxId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('bigint', { name: 'redelivery_of_id', nullable: true })
  redeliveryOfId!: string | null;

  @Column('text', { default: 'PENDING' })
  status!: DeliveryStatus;

  @Column('integer', { name: 'attempt_count', default: 0 })
  attemptCount!: number;

  @Column('integer', { name: 'last_status_code', nullable: true })
  lastStatusCode!: number | null;

  @Column('integer', { name: 'last_duration_ms', nullable: true })
  lastDurationMs!: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt!: Date | null;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: Date | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
