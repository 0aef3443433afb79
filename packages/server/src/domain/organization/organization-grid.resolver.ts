import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import { loadList } from '../../graphql/relay/relation-loader';
import type { GridRecord } from '../grid/grid.service';
import { gridOrganizations, organizationGrids } from './organization.model';
import type { OrganizationRecord } from './organization.service';
import { mutate } from '../../graphql/relay/payload';
import type { Context } from '../shared/context';
import { Grid } from '../grid/grid.type';
import { SetOrganizationGridsInput } from './organization.input';
import { organizationGridService } from './organization-grid.service';
import { toOrganizationPayload } from './organization.resolver';
import { Organization, OrganizationPayload } from './organization.type';

@Resolver(() => Organization)
export class OrganizationGridsResolver {
  @FieldResolver(() => [Grid], {
    description: 'The grids in use this organization covers, in code order.',
  })
  async grids(@Ctx() ctx: Context, @Root() org: Organization): Promise<Grid[]> {
    return (await loadList<GridRecord>(ctx, organizationGrids, org.record.id)).map(Grid.from);
  }

  @Mutation(() => OrganizationPayload, {
    description: 'Replaces the set of grids an organization covers.',
  })
  setOrganizationGrids(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The organization and its grids.' })
    input: SetOrganizationGridsInput,
  ): Promise<OrganizationPayload> {
    return mutate(
      ctx,
      (tx) =>
        organizationGridService.set(
          tx,
          inputId(input.organizationId, 'Organization', ['input', 'organizationId']),
          input.gridIds.map((id, i) => inputId(id, 'Grid', ['input', 'gridIds', String(i)])),
        ),
      toOrganizationPayload,
    );
  }
}

@Resolver(() => Grid)
export class GridOrganizationsResolver {
  @FieldResolver(() => [Organization], {
    description: 'Organizations in use that cover this grid, by name.',
  })
  async organizations(@Ctx() ctx: Context, @Root() grid: Grid): Promise<Organization[]> {
    return (await loadList<OrganizationRecord>(ctx, gridOrganizations, grid.record.id)).map(
      Organization.from,
    );
  }
}
