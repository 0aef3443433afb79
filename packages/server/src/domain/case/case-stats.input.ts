import { Field, ID, InputType } from 'type-graphql';
import { rowIdOf } from '../../graphql/relay/global-id';
import type { StatsPeriod, StatsScope } from './case-stats.service';

@InputType({ description: 'A span of time, half-open: from ≤ t < to.' })
export class PeriodInput {
  @Field({ description: 'Start (included).' })
  from!: Date;

  @Field({ description: 'End (excluded); at most 366 days after the start.' })
  to!: Date;
}

@InputType({ description: 'Which cases statistics are over; every condition given must hold.' })
export class CaseStatsScopeInput {
  @Field(() => ID, { nullable: true, description: 'Cases of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: "Cases in this grid's subtree." })
  gridId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Cases dispatched to this department (an Organization), returned ones included; only its own dispatches count for 准确派遣率.',
  })
  departmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Cases of this category; a major class (大类) includes its minors.',
  })
  categoryId?: string | null;
}

/** The service's scope for a `caseStats` scope; IDs of the wrong type are the caller's mistake. */
export function statsScopeOf(s: CaseStatsScopeInput | null | undefined): StatsScope {
  const id = (value: string | null | undefined, type: string, field: string) =>
    value ? rowIdOf(value, type, `scope.${field}`) : null;
  return {
    streetId: id(s?.streetId, 'Street', 'streetId'),
    gridId: id(s?.gridId, 'Grid', 'gridId'),
    departmentId: id(s?.departmentId, 'Organization', 'departmentId'),
    categoryId: id(s?.categoryId, 'CaseCategory', 'categoryId'),
  };
}

export const periodOf = (p: PeriodInput): StatsPeriod => ({ from: p.from, to: p.to });
