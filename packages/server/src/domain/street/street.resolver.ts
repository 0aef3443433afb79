import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { OrderDirection } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import {
  ArchiveStreetInput,
  CreateStreetInput,
  StreetsArgs,
  UpdateStreetInput,
  streetFilterOf,
} from './street.input';
import { streetById, streetService } from './street.service';
import { Street, StreetConnection, StreetOrderField, StreetPayload } from './street.type';

const toPayload = (r: { id: string } | null): Omit<StreetPayload, 'userErrors'> => ({
  street: r && Street.from(r as never),
});

@Resolver(() => Street)
export class StreetResolver {
  @Query(() => StreetConnection, { description: 'Streets served by this deployment.' })
  async streets(@Ctx() ctx: Context, @Args() args: StreetsArgs): Promise<ConnectionShape<Street>> {
    const filter = streetFilterOf(args.filter);
    if (args.filter?.districtCode != null) {
      const district = await districtService.byCode(ctx, args.filter.districtCode);
      // An unknown district matches no streets.
      filter.districtId = district?.id ?? '0';
    }
    const order = {
      field: args.orderBy?.field ?? StreetOrderField.CODE,
      descending: args.orderBy?.direction === OrderDirection.DESC,
    };
    const page = await streetService.list(ctx, filter, order, args);
    return toConnection(page, Street.from, () => streetService.count(ctx, filter));
  }

  @Query(() => Street, {
    nullable: true,
    description: 'A street by its nine-digit code; null if there is none.',
  })
  async street(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'Nine-digit street code.' }) code: string,
  ): Promise<Street | null> {
    const r = await streetService.byCode(ctx, code);
    return r && Street.from(r);
  }

  @FieldResolver(() => District, { description: 'The district the street belongs to.' })
  async district(@Ctx() ctx: Context, @Root() street: Street): Promise<District> {
    return District.from((await districtService.get(ctx, street.districtId))!);
  }

  @Mutation(() => StreetPayload, { description: 'Creates a street (platform administrators).' })
  createStreet(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The street to create.' }) input: CreateStreetInput,
  ): Promise<StreetPayload> {
    return mutate(ctx, (tx) => streetService.create(tx, input), toPayload);
  }

  @Mutation(() => StreetPayload, { description: 'Renames a street (platform administrators).' })
  updateStreet(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The street and its changes.' }) input: UpdateStreetInput,
  ): Promise<StreetPayload> {
    return mutate(
      ctx,
      (tx) =>
        streetService.update(tx, inputId(input.id, 'Street', ['input', 'id']), {
          name: input.name ?? undefined,
        }),
      toPayload,
    );
  }

  @Mutation(() => StreetPayload, {
    description: 'Archives a street: it stays readable but leaves lists (platform administrators).',
  })
  archiveStreet(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The street to archive.' }) input: ArchiveStreetInput,
  ): Promise<StreetPayload> {
    return mutate(
      ctx,
      (tx) => streetService.archive(tx, inputId(input.id, 'Street', ['input', 'id'])),
      toPayload,
    );
  }
}

export const streetNode: NodeFetcher = {
  typeName: 'Street',
  fetch: async (ctx, ids) =>
    (await loader(ctx, streetById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? Street.from(r) : null,
    ),
};
