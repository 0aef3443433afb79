import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../shared/context';
import { gridService } from '../grid/grid.service';
import { Grid } from '../grid/grid.type';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { CaseStatsScopeInput, PeriodInput, periodOf, statsScopeOf } from './case-stats.input';
import { caseStatsService } from './case-stats.service';
import {
  CaseCategoryStats,
  CaseDepartmentStats,
  CaseGridStats,
  CaseStats,
} from './case-stats.type';
import { CaseCategory } from './case.type';
import { categoryService } from './category.service';

@Resolver(() => CaseStats)
export class CaseStatsResolver {
  @Query(() => CaseStats, {
    description:
      "Case statistics (考核指标: 立案率, 按期结案率 …) over the cases REPORTED in the period, in the scope, that you may read: a department's staff get their department's, a grid worker their subtree's. For staff; residents and volunteers may not.",
  })
  async caseStats(
    @Ctx() ctx: Context,
    @Arg('period', () => PeriodInput, { description: 'The period the cases were reported in.' })
    period: PeriodInput,
    @Arg('scope', () => CaseStatsScopeInput, {
      nullable: true,
      description:
        'Which cases: a street, grid subtree, department or category (default: all you may read).',
    })
    scope?: CaseStatsScopeInput | null,
  ): Promise<CaseStats> {
    return CaseStats.from(await caseStatsService.stats(ctx, statsScopeOf(scope), periodOf(period)));
  }
}

@Resolver(() => CaseCategoryStats)
export class CaseCategoryStatsResolver {
  @FieldResolver(() => CaseCategory, { description: 'The category.' })
  async category(@Ctx() ctx: Context, @Root() row: CaseCategoryStats): Promise<CaseCategory> {
    return CaseCategory.from((await categoryService.get(ctx, row.categoryId))!);
  }
}

@Resolver(() => CaseGridStats)
export class CaseGridStatsResolver {
  @FieldResolver(() => Grid, {
    nullable: true,
    description: 'The grid; null when hidden from you.',
  })
  async grid(@Ctx() ctx: Context, @Root() row: CaseGridStats): Promise<Grid | null> {
    const grid = await gridService.get(ctx, row.gridId);
    return grid && Grid.from(grid);
  }
}

@Resolver(() => CaseDepartmentStats)
export class CaseDepartmentStatsResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The department; null when hidden from you.',
  })
  async department(
    @Ctx() ctx: Context,
    @Root() row: CaseDepartmentStats,
  ): Promise<Organization | null> {
    const department = await organizationService.get(ctx, row.departmentId);
    return department && Organization.from(department);
  }
}
