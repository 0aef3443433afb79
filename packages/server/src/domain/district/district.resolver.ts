import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { NodeFetcher } from '../../graphql/relay/node';
import { loader, type Context } from '../shared/context';
import { District } from './district.type';
import { districtById, districtService } from './district.service';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: 'All districts served by this deployment, by code.' })
  async districts(@Ctx() ctx: Context): Promise<District[]> {
    return (await districtService.list(ctx)).map(District.from);
  }

  @Query(() => District, {
    nullable: true,
    description: 'A district by its six-digit code; null if there is none.',
  })
  async district(
    @Ctx() ctx: Context,
    @Arg('code', { description: 'Six-digit district code.' }) code: string,
  ): Promise<District | null> {
    const r = await districtService.byCode(ctx, code);
    return r && District.from(r);
  }
}

export const districtNode: NodeFetcher = {
  typeName: 'District',
  fetch: async (ctx, ids) =>
    (await loader(ctx, districtById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? District.from(r) : null,
    ),
};
