import { Field, Float, Int, ObjectType } from 'type-graphql';
import {
  meanOf,
  rateOf,
  type CaseStatsRecord,
  type Indicators,
  type Ratio,
} from './case-stats.service';

@ObjectType({
  description:
    'A rate kept as its parts: add numerators and denominators of several rows and divide again to combine them.',
})
export class CaseStatsRatio {
  @Field(() => Int, { description: 'How many cases (or dispatches) met the indicator.' })
  numerator!: number;

  @Field(() => Int, { description: 'How many it is counted over.' })
  denominator!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'numerator / denominator, to 4 decimals (0.7582 is 75.82 %); null when the denominator is 0.',
  })
  rate!: number | null;

  static from(r: Ratio): CaseStatsRatio {
    return Object.assign(new CaseStatsRatio(), r, { rate: rateOf(r) });
  }
}

@ObjectType({
  description:
    'The evaluation indicators (考核指标) over a set of cases: those REPORTED in the period, in the scope, that you may read. States are as they stand now (a case reported in the period and closed after it counts as closed).',
})
export class CaseIndicators {
  @Field(() => Int, { description: '上报: cases reported in the period.' })
  reported!: number;

  @Field(() => Int, { description: '立案: accepted as cases.' })
  accepted!: number;

  @Field(() => Int, { description: '不予立案: rejected.' })
  rejected!: number;

  @Field(() => Int, { description: '派遣: dispatched to a department at least once.' })
  dispatched!: number;

  @Field(() => Int, {
    description:
      '处置: resolved (by a department or on the spot) and not sent back for rework since.',
  })
  resolved!: number;

  @Field(() => Int, { description: '结案: closed.' })
  closed!: number;

  @Field(() => Int, { description: '作废: cancelled.' })
  cancelled!: number;

  @Field(() => Int, { description: 'Not closed, rejected or cancelled (suspended ones included).' })
  open!: number;

  @Field(() => Int, {
    description: 'Open with a running clock (not suspended) and past their due time now.',
  })
  overdueOpen!: number;

  @Field(() => CaseStatsRatio, { description: '立案率: accepted / reported.' })
  acceptanceRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, {
    description: '按时立案率: accepted within the intake limit / accepted.',
  })
  onTimeAcceptanceRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, {
    description:
      '准确派遣率: dispatches not returned (退回) / dispatches, counting each department a case was sent to. Dispatches withdrawn because the case was cancelled or merged are not counted; ones still open count as not returned.',
  })
  dispatchAccuracy!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '处置率: dispatched cases resolved / dispatched.' })
  handlingRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, {
    description: '按期处置率: resolved by the due time (as postponed) / resolved.',
  })
  onTimeHandlingRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '结案率: accepted cases closed / accepted.' })
  closureRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '按期结案率: closed by the due time / closed.' })
  onTimeClosureRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, {
    description: '返工率: cases that failed a verification (返工) / cases verified at least once.',
  })
  reworkRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '延期率: dispatched cases postponed / dispatched.' })
  postponementRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '挂账率: dispatched cases suspended / dispatched.' })
  suspensionRate!: CaseStatsRatio;

  @Field(() => CaseStatsRatio, { description: '满意率: ratings "satisfied" / ratings.' })
  satisfactionRate!: CaseStatsRatio;

  @Field(() => Float, {
    nullable: true,
    description:
      '平均处置时长: mean working minutes from acceptance to the resolve, over resolved cases, to 1 decimal; null when none.',
  })
  meanHandlingWorkMinutes!: number | null;

  @Field(() => Float, {
    description: 'The working minutes summed for the mean (to combine rows: sum / count).',
  })
  handlingWorkMinutesTotal!: number;

  @Field(() => Int, { description: 'The resolved cases the mean is over.' })
  handlingWorkMinutesCount!: number;

  static from(i: Indicators): CaseIndicators {
    const { handlingWorkMinutes, ...rest } = i;
    const out = new CaseIndicators();
    for (const [key, value] of Object.entries(rest)) {
      (out as unknown as Record<string, unknown>)[key] =
        typeof value === 'number' ? value : CaseStatsRatio.from(value);
    }
    return Object.assign(out, {
      meanHandlingWorkMinutes: meanOf(handlingWorkMinutes),
      handlingWorkMinutesTotal: handlingWorkMinutes.total,
      handlingWorkMinutesCount: handlingWorkMinutes.count,
    });
  }
}

@ObjectType({ description: "The indicators of one category's cases (the case's own category)." })
export class CaseCategoryStats {
  @Field(() => CaseIndicators, { description: 'The indicators of the row.' })
  indicators!: CaseIndicators;

  categoryId!: string;
}

@ObjectType({
  description:
    "The indicators of the cases filed in one grid: the case's own grid (often a unit or building grid), not its community; add rows up by the grid tree for a community's.",
})
export class CaseGridStats {
  @Field(() => CaseIndicators, { description: 'The indicators of the row.' })
  indicators!: CaseIndicators;

  gridId!: string;
}

@ObjectType({
  description:
    'The indicators of the cases dispatched to one department (returned ones included), with its own dispatches for 准确派遣率. A case sent to several departments (吹哨) counts in each row.',
})
export class CaseDepartmentStats {
  @Field(() => CaseIndicators, { description: 'The indicators of the row.' })
  indicators!: CaseIndicators;

  departmentId!: string;
}

@ObjectType({
  description:
    'Case statistics (考核指标) over the cases REPORTED in a period and a scope that you may read, with breakdowns; each breakdown row has the same indicators. Rows are by most cases reported first.',
})
export class CaseStats {
  @Field({ description: 'Start of the period (included).' })
  from!: Date;

  @Field({ description: 'End of the period (excluded).' })
  to!: Date;

  @Field(() => CaseIndicators, { description: 'Over all the cases counted.' })
  totals!: CaseIndicators;

  @Field(() => [CaseCategoryStats], { description: "By the case's category (a minor class)." })
  byCategory!: CaseCategoryStats[];

  @Field(() => [CaseGridStats], { description: "By the case's own grid." })
  byGrid!: CaseGridStats[];

  @Field(() => [CaseDepartmentStats], {
    description: 'By department dispatched to; a department sees its own row only.',
  })
  byDepartment!: CaseDepartmentStats[];

  static from(r: CaseStatsRecord): CaseStats {
    const row = <T extends object>(type: new () => T, fields: object) =>
      Object.assign(new type(), fields);
    return Object.assign(new CaseStats(), {
      from: r.period.from,
      to: r.period.to,
      totals: CaseIndicators.from(r.totals),
      byCategory: r.byCategory.map((c) =>
        row(CaseCategoryStats, { ...c, indicators: CaseIndicators.from(c.indicators) }),
      ),
      byGrid: r.byGrid.map((g) =>
        row(CaseGridStats, { ...g, indicators: CaseIndicators.from(g.indicators) }),
      ),
      byDepartment: r.byDepartment.map((d) =>
        row(CaseDepartmentStats, { ...d, indicators: CaseIndicators.from(d.indicators) }),
      ),
    });
  }
}
