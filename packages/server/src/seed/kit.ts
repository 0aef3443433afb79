import { activityParticipantService } from '../domain/activity/activity-participant.service';
import { activityService, type ActivityKind } from '../domain/activity/activity.service';
import { brandService, type BrandRecord } from '../domain/brand/brand.service';
import { gridStaffService, type GridRole } from '../domain/grid/grid-staff.service';
import { gridService, type GridRecord } from '../domain/grid/grid.service';
import { organizationGridService } from '../domain/organization/organization-grid.service';
import {
  organizationMemberService,
  type MemberRole,
} from '../domain/organization/organization-member.service';
import {
  organizationService,
  type OrganizationKind,
  type OrganizationRecord,
} from '../domain/organization/organization.service';
import {
  personService,
  type PartyKind,
  type PersonInput,
  type PersonRecord,
} from '../domain/person/person.service';
import type { Context } from '../domain/shared/context';
import type { StreetRecord } from '../domain/street/street.service';
import { volunteerService, type VolunteerRecord } from '../domain/volunteer/volunteer.service';

// Shared by the per-street demo modules: a small builder over the platform's services, bound to
// one street and one transaction, and deterministic made-up Chinese names and phone numbers.

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = (
  '建国 秀英 志强 桂兰 海燕 文华 玉梅 永红 德明 淑珍 国庆 丽华 卫东 春梅 振华 慧敏 立新 凤英 红军 晓燕 ' +
  '明辉 雪梅 长青 玉兰 新民 翠芳 学文 亚玲 家和 金凤 少华 秋菊 兴旺 美玲 宏伟 静 军 敏 涛 霞'
).split(' ');

/** The `n`-th demo name: deterministic, varied, no two neighbours alike. */
export function demoName(n: number): string {
  return `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 13 + 5) % GIVEN.length]}`;
}

/** A made-up mobile number, 1390000xxxx, unique per `n` below 10,000. */
export function demoPhone(n: number): string {
  return `1390000${String(n % 10_000).padStart(4, '0')}`;
}

/** Chinese numerals for grid names: 一 … 九十九. */
export function cn(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${n % 10 ? digits[n % 10] : ''}`;
}

/** The code of a grid's `n`-th child: `childCode('621002001', 7)` is `621002001007`. */
export function childCode(parent: string, n: number): string {
  return `${parent}${String(n).padStart(3, '0')}`;
}

/** Splits `total` into `parts` counts as evenly as possible, larger ones first. */
export function spread(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  );
}

export interface OrgOptions {
  parent?: OrganizationRecord | null;
  code?: string;
  description?: string;
  address?: string;
  phone?: string;
  foundedOn?: string;
  /** Grids the organization covers (its community grid, a branch's grid …). */
  grids?: GridRecord[];
}

export interface PersonOptions extends Omit<PersonInput, 'name' | 'partyMembership'> {
  party?: { kind: PartyKind; joinedOn: string };
}

/** The functional departments every demo street has (code, name suffix, description). */
export const DEPARTMENTS = [
  ['CG', '城管执法中队', '城管：店外经营、占道经营、违法建设'],
  ['SCJG', '市场监管所', '市场监管：食品安全、无照经营、价格'],
  ['HW', '环卫所', '环卫：道路清扫、垃圾清运、公厕'],
  ['JJ', '交警中队', '交警：乱停乱放、交通秩序'],
  ['XF', '消防救援站', '消防：消防安全检查、应急救援'],
  ['ZJ', '住建办', '住建：市政道路与排水设施、房屋安全、物业管理、建筑工地'],
  ['HB', '环保所', '生态环境：环保信访、油烟噪声、扬尘治理'],
  ['SFS', '司法所', '司法：人民调解、矛盾纠纷化解、法律援助'],
] as const;

/**
 * Builds one street's demo data through the services, in the transaction `tx`, so every row is
 * validated and records its domain event. Names, phones and dates are deterministic.
 */
export class DemoKit {
  private people = 0;
  /** The street's short name, e.g. 南街 for 南街街道. */
  readonly short: string;

  constructor(
    readonly tx: Context,
    readonly street: StreetRecord,
    /** Offset of this street's generated names, so streets do not share their people. */
    private readonly nameBase: number,
  ) {
    this.short = street.name.replace(/街道$/, '');
  }

  grid(
    code: string,
    name: string,
    parent: GridRecord | null,
    details: { households?: number; residents?: number; buildings?: number } = {},
  ): Promise<GridRecord> {
    return gridService.create(this.tx, {
      streetId: this.street.id,
      parentId: parent?.id ?? null,
      code,
      name,
      ...details,
    });
  }

  /** The street-level grid; its existence marks the street's demo data as loaded. */
  streetGrid(): Promise<GridRecord> {
    return this.grid(this.street.code, `${this.street.name}网格`, null);
  }

  async org(
    kind: OrganizationKind,
    name: string,
    opts: OrgOptions = {},
  ): Promise<OrganizationRecord> {
    const org = await organizationService.create(this.tx, {
      streetId: this.street.id,
      parentId: opts.parent?.id ?? null,
      kind,
      name,
      code: opts.code,
      description: opts.description,
      address: opts.address,
      phone: opts.phone,
      foundedOn: opts.foundedOn,
    });
    if (opts.grids?.length)
      await organizationGridService.set(
        this.tx,
        org.id,
        opts.grids.map((g) => g.id),
      );
    return org;
  }

  /** 城管, 市场监管, 环卫, 交警, 消防, 住建, 环保 and 司法 of this street, alone or under `parent`. */
  async departments(parent?: OrganizationRecord): Promise<OrganizationRecord[]> {
    const made: OrganizationRecord[] = [];
    for (const [code, suffix, description] of DEPARTMENTS) {
      const name = `${this.short}${suffix}`;
      made.push(await this.org('DEPARTMENT', name, { parent, code, description }));
    }
    return made;
  }

  /** A person with the next generated name unless `name` is given. */
  person(opts: PersonOptions = {}, name?: string): Promise<PersonRecord> {
    const n = this.nameBase + this.people++;
    const { party, ...rest } = opts;
    return personService.create(this.tx, this.street.id, {
      name: name ?? demoName(n),
      gender: n % 2 ? 'FEMALE' : 'MALE',
      birthYear: 1950 + ((n * 11) % 50),
      phone: demoPhone(n),
      ...rest,
      ...(party
        ? { partyMembership: { status: 'MEMBER', kind: party.kind, joinedOn: party.joinedOn } }
        : {}),
    });
  }

  /** Grid staff: one new staff person per role (default a grid leader and a grid member). */
  async staff(
    grid: GridRecord,
    roles: GridRole[] = ['LEADER', 'MEMBER'],
    startedOn = '2024-01-02',
  ): Promise<PersonRecord[]> {
    const made: PersonRecord[] = [];
    for (const role of roles) {
      const person = await this.person({
        isStaff: role !== 'BUILDING_LEAD' && role !== 'ASSISTANT',
      });
      await gridStaffService.assignStaff(this.tx, {
        gridId: grid.id,
        personId: person.id,
        role,
        startedOn,
      });
      made.push(person);
    }
    return made;
  }

  member(
    org: OrganizationRecord,
    person: PersonRecord,
    role: MemberRole,
    startedOn?: string,
  ): Promise<unknown> {
    return organizationMemberService.add(this.tx, {
      organizationId: org.id,
      personId: person.id,
      role,
      startedOn,
    });
  }

  /** A new person registered as a volunteer. */
  async volunteer(
    opts: PersonOptions,
    skills: string[],
    joinedOn = '2024-03-05',
  ): Promise<{ person: PersonRecord; volunteer: VolunteerRecord }> {
    const person = await this.person(opts);
    const volunteer = await volunteerService.register(this.tx, {
      personId: person.id,
      skills,
      joinedOn,
    });
    return { person, volunteer };
  }

  brand(
    name: string,
    owner: OrganizationRecord,
    opts: { parent?: BrandRecord; slogan?: string; description?: string; isPrimary?: boolean } = {},
  ): Promise<BrandRecord> {
    return brandService.create(this.tx, {
      streetId: this.street.id,
      ownerId: owner.id,
      parentId: opts.parent?.id ?? null,
      name,
      slogan: opts.slogan,
      description: opts.description,
      isPrimary: opts.isPrimary,
    });
  }

  /** An activity, with its participants (the first one organizes it). */
  async activity(
    input: {
      kind: ActivityKind;
      title: string;
      startsAt: string;
      hours?: number;
      place?: string;
      description?: string;
      outcome?: string;
      brand?: BrandRecord;
      organization?: OrganizationRecord;
      grid?: GridRecord;
    },
    participants: PersonRecord[] = [],
  ): Promise<void> {
    const startsAt = new Date(input.startsAt);
    const activity = await activityService.create(this.tx, {
      streetId: this.street.id,
      kind: input.kind,
      title: input.title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (input.hours ?? 2) * 3_600_000),
      place: input.place,
      description: input.description,
      outcome: input.outcome,
      brandId: input.brand?.id,
      organizationId: input.organization?.id,
      gridId: input.grid?.id,
    });
    if (participants.length)
      await activityParticipantService.add(
        this.tx,
        activity.id,
        participants.map((p, i) => ({
          personId: p.id,
          role: i === 0 ? ('ORGANIZER' as const) : ('PARTICIPANT' as const),
        })),
      );
  }
}
