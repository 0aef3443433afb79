import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { ServicePostClaimRecord } from './claim.service';
import type { ServicePostKind, ServicePostRecord } from './post.service';

export const ServicePostKindEnum = {
  POLICY_PROMOTION: 'POLICY_PROMOTION',
  MEDIATION: 'MEDIATION',
  PATROL: 'PATROL',
  ENVIRONMENT: 'ENVIRONMENT',
  ELDERLY_CARE: 'ELDERLY_CARE',
  EPIDEMIC_PREVENTION: 'EPIDEMIC_PREVENTION',
  CULTURE: 'CULTURE',
  CIVILITY: 'CIVILITY',
  OTHER: 'OTHER',
} as const;
registerEnumType(ServicePostKindEnum, {
  name: 'ServicePostKind',
  description: 'What a service post (党员责任岗) is for.',
  valuesConfig: {
    POLICY_PROMOTION: { description: 'Explaining policies to residents (政策宣传岗).' },
    MEDIATION: { description: 'Mediating disputes between neighbours (矛盾调解岗).' },
    PATROL: { description: 'Safety patrol (治安巡逻岗).' },
    ENVIRONMENT: { description: 'Keeping the environment clean and tidy (环境卫生岗).' },
    ELDERLY_CARE: { description: 'Caring for elderly and vulnerable residents (关爱帮扶岗).' },
    EPIDEMIC_PREVENTION: { description: 'Epidemic prevention and checks (疫情防控岗).' },
    CULTURE: { description: 'Cultural and sports activities (文体活动岗).' },
    CIVILITY: { description: 'Civility promotion, e.g. civilised traffic (文明引导岗).' },
    OTHER: { description: 'Any other post.' },
  },
});

@ObjectType({
  implements: Node,
  description:
    'A service post (党员责任岗 / 服务岗位) that volunteers claim, e.g. a mediator or patrol ' +
    'post of a community, with an optional capacity.',
})
export class ServicePost extends Node {
  @Field({ description: 'Name, e.g. "邻里纠纷调解岗".' })
  name!: string;

  @Field(() => ServicePostKindEnum, { description: 'What the post is for.' })
  kind!: ServicePostKind;

  @Field(() => Int, {
    nullable: true,
    description: 'How many volunteers may hold the post at once; null for no limit.',
  })
  capacity!: number | null;

  @Field(() => String, { nullable: true, description: 'What the post holder does.' })
  description!: string | null;

  @Field({
    description: 'Whether the post is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the post was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the post was created.' })
  createdAt!: Date;

  @Field({ description: 'When the post was last changed.' })
  updatedAt!: Date;

  record!: ServicePostRecord;

  static from(r: ServicePostRecord): ServicePost {
    return Object.assign(new ServicePost(), r, {
      id: toGlobalId('ServicePost', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: ServicePostConnection } = connectionOf(
  ServicePost,
  'ServicePost',
  'service posts',
);

@ObjectType({
  implements: Node,
  description: 'A volunteer holding a service post (认岗), from the day claimed until released.',
})
export class ServicePostClaim extends Node {
  @Field(() => LocalDate, { description: 'The day the volunteer took up the post.' })
  claimedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day on the post; null while the volunteer holds it.',
  })
  releasedOn!: string | null;

  @Field({ description: 'Whether the volunteer holds the post now.' })
  active!: boolean;

  record!: ServicePostClaimRecord;

  static from(r: ServicePostClaimRecord): ServicePostClaim {
    return Object.assign(new ServicePostClaim(), r, {
      id: toGlobalId('ServicePostClaim', r.id),
      record: r,
      active: r.releasedOn === null,
    });
  }
}

@ObjectType({ description: 'The result of a service post mutation.' })
export class ServicePostPayload {
  @Field(() => ServicePost, {
    nullable: true,
    description: 'The post after the mutation; null when it failed.',
  })
  post!: ServicePost | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of claiming a service post or releasing a claim.' })
export class ServicePostClaimPayload {
  @Field(() => ServicePostClaim, {
    nullable: true,
    description: 'The claim after the mutation; null when it failed.',
  })
  claim!: ServicePostClaim | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
