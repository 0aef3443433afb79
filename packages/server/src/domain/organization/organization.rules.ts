import { InputError } from '../shared/errors';
import type { OrganizationEntity } from './organization.entity';

/** The kinds of organization (see DOMAIN.md's glossary). */
export const ORGANIZATION_KINDS = [
  'STREET_COMMITTEE',
  'JOINT_COMMITTEE',
  'COMMUNITY',
  'COMMUNITY_COMMITTEE',
  'PARTY_BRANCH',
  'PARTY_GROUP',
  'DEPARTMENT',
  'CO_BUILDING_UNIT',
  'SOCIAL_ORGANIZATION',
  'PROPERTY_MANAGER',
  'OWNERS_COMMITTEE',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

const PARTY_COMMITTEES = ['STREET_COMMITTEE', 'JOINT_COMMITTEE', 'COMMUNITY_COMMITTEE'] as const;
const STREET_COMMITTEES = ['STREET_COMMITTEE', 'JOINT_COMMITTEE'] as const;

/** Party organizations (党组织): led by a secretary, their members are party members. */
export const PARTY_KINDS: readonly OrganizationKind[] = [
  ...PARTY_COMMITTEES,
  'PARTY_BRANCH',
  'PARTY_GROUP',
];

/**
 * Where each kind of organization sits in a street's tree: whether it may be a root, and which
 * kinds its parent may have. The rules follow how street party building is organised
 * (党工委 → 社区大党委 → 党支部 → 党小组):
 *
 * - a party group (党小组) is always formed inside a party branch (党支部);
 * - a party branch answers to a party committee — the street's 党工委 or 大工委, or a community's
 *   大党委 — or is set up directly in a community (社区党支部);
 * - a community joint party committee (社区大党委) belongs to its community, or to a street-level
 *   committee that set it up;
 * - a community is a root, or sits under the street's 党工委 / 大工委 that leads it;
 * - property managers (物业) and owners' committees (业委会) belong to the compound's community,
 *   when they are placed at all;
 * - street-level committees are roots, or form a structure of their own (城东路's "1+3": a 大工委
 *   with three committees beneath it);
 * - departments, co-building units and social organizations stand alone, or are taken into a party
 *   committee (共建单位 joining a 大工委 or 大党委).
 */
export const PLACEMENT: Record<
  OrganizationKind,
  { root: boolean; parents: readonly OrganizationKind[] }
> = {
  STREET_COMMITTEE: { root: true, parents: STREET_COMMITTEES },
  JOINT_COMMITTEE: { root: true, parents: STREET_COMMITTEES },
  COMMUNITY: { root: true, parents: STREET_COMMITTEES },
  COMMUNITY_COMMITTEE: { root: false, parents: ['COMMUNITY', ...STREET_COMMITTEES] },
  PARTY_BRANCH: { root: false, parents: [...PARTY_COMMITTEES, 'COMMUNITY'] },
  PARTY_GROUP: { root: false, parents: ['PARTY_BRANCH'] },
  DEPARTMENT: { root: true, parents: PARTY_COMMITTEES },
  CO_BUILDING_UNIT: { root: true, parents: PARTY_COMMITTEES },
  SOCIAL_ORGANIZATION: { root: true, parents: PARTY_COMMITTEES },
  PROPERTY_MANAGER: { root: true, parents: ['COMMUNITY'] },
  OWNERS_COMMITTEE: { root: true, parents: ['COMMUNITY'] },
};

export const KIND_LABELS: Record<OrganizationKind, string> = {
  STREET_COMMITTEE: 'street party working committee (街道党工委)',
  JOINT_COMMITTEE: 'joint committee (大工委)',
  COMMUNITY: 'community (社区)',
  COMMUNITY_COMMITTEE: 'community joint party committee (社区大党委)',
  PARTY_BRANCH: 'party branch (党支部)',
  PARTY_GROUP: 'party group (党小组)',
  DEPARTMENT: 'department (职能部门)',
  CO_BUILDING_UNIT: 'co-building unit (共建单位)',
  SOCIAL_ORGANIZATION: 'social organization (社会组织)',
  PROPERTY_MANAGER: 'property manager (物业公司)',
  OWNERS_COMMITTEE: "owners' committee (业委会)",
};

const article = (label: string) => (/^[aeiou]/.test(label) ? 'an' : 'a');
/** "a party branch (党支部)". */
const kindPhrase = (kind: OrganizationKind) => `${article(KIND_LABELS[kind])} ${KIND_LABELS[kind]}`;
/** "a street party working committee (街道党工委) or a joint committee (大工委)". */
const kindList = (kinds: readonly OrganizationKind[]) => {
  const phrases = kinds.map(kindPhrase);
  return phrases.length > 1
    ? `${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`
    : phrases[0]!;
};

/** Throws unless an organization of `kind` may sit under `parent` (or be a root when null). */
export function checkPlacement(
  kind: OrganizationKind,
  parent: OrganizationEntity | null,
  field: string[],
): void {
  const rule = PLACEMENT[kind];
  const what = capitalize(kindPhrase(kind));
  if (!parent) {
    if (!rule.root)
      throw InputError.single(
        field,
        `${what} sits under ${kindList(rule.parents)}; give parentId.`,
        'REQUIRED',
      );
    return;
  }
  const parentKind = parent.kind as OrganizationKind;
  if (!rule.parents.includes(parentKind)) {
    const allowed = `${rule.root ? 'is a root or ' : ''}sits under ${kindList(rule.parents)}`;
    throw InputError.single(
      field,
      `${what} cannot sit under ${kindPhrase(parentKind)}; it ${allowed}.`,
      'INVALID',
    );
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
