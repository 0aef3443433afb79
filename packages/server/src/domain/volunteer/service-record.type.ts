import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { ServiceRecordRecord, ServiceTotalsRecord } from './service-record.read';

@ObjectType({
  implements: Node,
  description:
    'A volunteer service record (志愿服务记录, after the 民政部 志愿服务记录办法): who served, for ' +
    'which organization, what was done, where, when, for how long and for how many people, and ' +
    'who confirmed it. Records count once confirmed and are never edited: a mistake is corrected ' +
    'by a new record that supersedes the old one.',
})
export class ServiceRecord extends Node {
  @Field(() => LocalDate, { description: 'The day of the service.' })
  servedOn!: string;

  @Field(() => Float, { description: 'Hours served (服务时长), more than 0 and at most 24.' })
  hours!: number;

  @Field(() => Int, { description: 'How many people were served.' })
  peopleServed!: number;

  @Field({ description: 'What was done.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Where the service took place.' })
  place!: string | null;

  @Field({ description: 'Whether the record has been confirmed.' })
  confirmed!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the record was confirmed.' })
  confirmedAt!: Date | null;

  @Field({
    description:
      'Whether the record counts toward totals: it is confirmed and no confirmed correction replaces it.',
  })
  counted!: boolean;

  @Field({ description: 'Whether a newer record corrects this one.' })
  corrected!: boolean;

  @Field({ description: 'When the record was written.' })
  createdAt!: Date;

  record!: ServiceRecordRecord;

  static from(r: ServiceRecordRecord): ServiceRecord {
    return Object.assign(new ServiceRecord(), r, {
      id: toGlobalId('ServiceRecord', r.id),
      record: r,
      confirmed: r.confirmedAt !== null,
      corrected: r.supersededById !== null,
    });
  }
}

export const { Connection: ServiceRecordConnection } = connectionOf(
  ServiceRecord,
  'ServiceRecord',
  'service records',
);

@ObjectType({
  description:
    'Totals of confirmed volunteer service (服务时长, 服务人次), counting each correction chain once.',
})
export class ServiceTotals {
  @Field(() => Float, { description: 'Hours served.' })
  hours!: number;

  @Field(() => Int, { description: 'People served.' })
  peopleServed!: number;

  @Field(() => Int, { description: 'How many service records count.' })
  recordCount!: number;

  static from(r: ServiceTotalsRecord): ServiceTotals {
    return Object.assign(new ServiceTotals(), r, { recordCount: r.records });
  }
}

@ObjectType({ description: 'The result of a service record mutation.' })
export class ServiceRecordPayload {
  @Field(() => ServiceRecord, {
    nullable: true,
    description:
      'The record written or confirmed (for a correction, the new record); null when it failed.',
  })
  record!: ServiceRecord | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
