import { Field, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import type { BrandRecord } from './brand.service';

@ObjectType({
  implements: Node,
  description:
    'A party-building brand (党建品牌), e.g. 初心红, or a sub-brand (子品牌) under it, e.g. 初心巷. ' +
    'Brands form a tree; a community has at most one primary brand (一社一品).',
})
export class Brand extends Node {
  @Field({ description: 'Name, e.g. "初心红".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Slogan (口号), if any.' })
  slogan!: string | null;

  @Field(() => String, { nullable: true, description: 'What the brand stands for and does.' })
  description!: string | null;

  @Field({
    description:
      "Whether this is its community's primary brand (一社一品); only a community owns one.",
  })
  isPrimary!: boolean;

  @Field({
    description: 'Whether the brand is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the brand was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the brand was created.' })
  createdAt!: Date;

  @Field({ description: 'When the brand was last changed.' })
  updatedAt!: Date;

  record!: BrandRecord;

  static from(r: BrandRecord): Brand {
    return Object.assign(new Brand(), r, {
      id: toGlobalId('Brand', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: BrandConnection } = connectionOf(Brand, 'Brand', 'brands');

@ObjectType({ description: 'The result of a brand mutation.' })
export class BrandPayload {
  @Field(() => Brand, {
    nullable: true,
    description: 'The brand as it is after the mutation; null when it failed.',
  })
  brand!: Brand | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
