import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import type { StreetRecord } from './street.service';

@ObjectType({
  implements: Node,
  description:
    'A street (街道, sub-district): the tenant. Every other record belongs to exactly one street, ' +
    'and no caller outside it sees its data, except district-level roles.',
})
export class Street extends Node {
  @Field({ description: 'Nine-digit code: the district code and three digits, e.g. "621002001".' })
  code!: string;

  @Field({ description: 'Name, e.g. "南街街道".' })
  name!: string;

  @Field({
    description: 'Whether the street is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the street was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the street was created.' })
  createdAt!: Date;

  @Field({ description: 'When the street was last changed.' })
  updatedAt!: Date;

  rowId!: string;
  districtId!: string;

  static from(r: StreetRecord): Street {
    return Object.assign(new Street(), r, {
      id: toGlobalId('Street', r.id),
      rowId: r.id,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: StreetConnection, Edge: StreetEdge } = connectionOf(
  Street,
  'Street',
  'streets',
);

export enum StreetOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(StreetOrderField, {
  name: 'StreetOrderField',
  description: 'What streets can be ordered by.',
  valuesConfig: {
    CODE: { description: 'By street code.' },
    NAME: { description: 'By name.' },
    CREATED_AT: { description: 'By when the street was created.' },
  },
});

@ObjectType({ description: 'The result of a street mutation.' })
export class StreetPayload {
  @Field(() => Street, {
    nullable: true,
    description: 'The street as it is after the mutation; null when it failed.',
  })
  street!: Street | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
