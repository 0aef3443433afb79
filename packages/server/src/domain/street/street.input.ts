import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { OrderDirection } from '../../graphql/relay/order';
import type { StreetFilter } from './street.service';
import { StreetOrderField } from './street.type';

@InputType({ description: 'Which streets to list.' })
export class StreetFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'Only streets of the district with this six-digit code.',
  })
  districtCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Streets whose code starts with, or whose name contains, this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived streets (default false).',
  })
  includeArchived?: boolean | null;
}

/** The service filter for a `streets` filter, but for the district (found by its code). */
export const streetFilterOf = (f: StreetFilterInput | null | undefined): StreetFilter => ({
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@InputType({ description: 'How to order streets.' })
export class StreetOrderInput {
  @Field(() => StreetOrderField, { description: 'The field to order by.' })
  field!: StreetOrderField;

  @Field(() => OrderDirection, { nullable: true, description: 'The direction; ASC when left out.' })
  direction?: OrderDirection | null;
}

@ArgsType()
export class StreetsArgs extends ConnectionArgs {
  @Field(() => StreetFilterInput, { nullable: true, description: 'Which streets to list.' })
  filter?: StreetFilterInput | null;

  @Field(() => StreetOrderInput, {
    nullable: true,
    description: 'Ordering (default: by code, ascending).',
  })
  orderBy?: StreetOrderInput | null;
}

@InputType({ description: 'A new street.' })
export class CreateStreetInput {
  @Field({ description: 'Nine-digit code, starting with the district code, e.g. "621002001".' })
  code!: string;

  @Field({ description: 'Name, e.g. "南街街道" (1–100 characters).' })
  name!: string;

  @Field({ description: 'Six-digit code of the district the street belongs to.' })
  districtCode!: string;
}

@InputType({ description: 'Changes to a street; fields left out stay as they are.' })
export class UpdateStreetInput {
  @Field(() => ID, { description: 'The street to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name (1–100 characters).' })
  name?: string | null;
}

@InputType({ description: 'The street to archive.' })
export class ArchiveStreetInput {
  @Field(() => ID, { description: 'The street to archive.' })
  id!: string;
}
