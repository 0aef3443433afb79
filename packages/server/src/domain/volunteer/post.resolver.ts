import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { gridService } from '../grid/grid.service';
import { Grid } from '../grid/grid.type';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchiveServicePostInput,
  CreateServicePostInput,
  ServicePostsArgs,
  UpdateServicePostInput,
  postFilterOf,
} from './post.input';
import { postById, servicePostService, type ServicePostRecord } from './post.service';
import { ServicePost, ServicePostConnection, ServicePostPayload } from './post.type';

const toPayload = (r: ServicePostRecord | null): Omit<ServicePostPayload, 'userErrors'> => ({
  post: r && ServicePost.from(r),
});

/** Decodes the optional organization and grid IDs of a post input, keeping "left out" apart from null. */
function placementOf(input: { organizationId?: string | null; gridId?: string | null }) {
  return {
    organizationId:
      input.organizationId == null
        ? input.organizationId
        : inputId(input.organizationId, 'Organization', ['input', 'organizationId']),
    gridId:
      input.gridId == null ? input.gridId : inputId(input.gridId, 'Grid', ['input', 'gridId']),
  };
}

@Resolver(() => ServicePost)
export class ServicePostResolver {
  @Query(() => ServicePostConnection, {
    description: 'Service posts (党员责任岗) of the streets you may see.',
  })
  async servicePosts(
    @Ctx() ctx: Context,
    @Args() args: ServicePostsArgs,
  ): Promise<ConnectionShape<ServicePost>> {
    const filter = postFilterOf(args.filter);
    const page = await servicePostService.list(ctx, filter, orderingOf(args.orderBy, 'NAME'), args);
    return toConnection(page, ServicePost.from, () => servicePostService.count(ctx, filter));
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization the post belongs to; null if none.',
  })
  async organization(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<Organization | null> {
    if (!post.record.organizationId) return null;
    const r = await organizationService.get(ctx, post.record.organizationId);
    return r && Organization.from(r);
  }

  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid the post serves; null if none.',
  })
  async grid(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<Grid | null> {
    if (!post.record.gridId) return null;
    const r = await gridService.get(ctx, post.record.gridId);
    return r && Grid.from(r);
  }

  @FieldResolver(() => Street, { description: 'The street the post belongs to.' })
  async street(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<Street> {
    return Street.from((await streetService.get(ctx, post.record.streetId))!);
  }

  @Mutation(() => ServicePostPayload, { description: 'Creates a service post.' })
  createServicePost(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The post to create.' }) input: CreateServicePostInput,
  ): Promise<ServicePostPayload> {
    const { streetId, ...rest } = input;
    return mutate(
      ctx,
      (tx) =>
        servicePostService.create(tx, inputId(streetId, 'Street', ['input', 'streetId']), {
          ...rest,
          ...placementOf(input),
        }),
      toPayload,
    );
  }

  @Mutation(() => ServicePostPayload, {
    description: "Changes a post's name, kind, capacity, description, organization or grid.",
  })
  updateServicePost(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The post and the changes.' }) input: UpdateServicePostInput,
  ): Promise<ServicePostPayload> {
    const { id, ...changes } = input;
    return mutate(
      ctx,
      (tx) =>
        servicePostService.update(tx, inputId(id, 'ServicePost', ['input', 'id']), {
          ...changes,
          name: changes.name ?? undefined,
          kind: changes.kind ?? undefined,
          ...placementOf(changes),
        }),
      toPayload,
    );
  }

  @Mutation(() => ServicePostPayload, {
    description: 'Archives a post with no active claims; it stays readable.',
  })
  archiveServicePost(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The post to archive.' }) input: ArchiveServicePostInput,
  ): Promise<ServicePostPayload> {
    return mutate(
      ctx,
      (tx) => servicePostService.archive(tx, inputId(input.id, 'ServicePost', ['input', 'id'])),
      toPayload,
    );
  }
}

export const servicePostNode: NodeFetcher = {
  typeName: 'ServicePost',
  fetch: async (ctx, ids) =>
    (await loader(ctx, postById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? ServicePost.from(r) : null,
    ),
};
