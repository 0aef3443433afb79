import { definePlugin, type PluginRelation } from '@lianxin/sdk';
import { z } from 'zod';
import { config, type FourCommonsConfig } from './config';
import { loadDemo } from './demo';
import { openUrgentDeliberation } from './escalation.hook';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { ACTIVITY_KINDS, checkRules, DELIBERATION_KINDS } from './rules';
import { typeDefs } from './schema';

checkRules();

const id = z.string().regex(/^[0-9]+$/);
const deliberationKind = z.enum(Object.keys(DELIBERATION_KINDS) as [string, ...string[]]);
const activityKind = z.enum(Object.keys(ACTIVITY_KINDS) as [string, ...string[]]);
const kindOnly = z.object({ kind: deliberationKind }).strict();

const connection = (
  on: string,
  field: string,
  model: string,
  defaultOrder: string,
  more: Partial<PluginRelation> = {},
): PluginRelation =>
  ({
    on,
    field,
    kind: 'connection',
    model,
    connectionType: `${model}Connection`,
    defaultOrder,
    ...more,
  }) as PluginRelation;

/**
 * 四共五联 (西固城街道): the joint committee's deliberations — 大事共议, 实事共办, 要事共决,
 * 急事共商 — with their decisions and follow-up tasks, and the street's joint activities —
 * 精神文明联创, 社会治安联防, 公益事业联办, 健康环境联建, 文体活动联谊 — with the units taking part.
 */
export default definePlugin<FourCommonsConfig>({
  manifest: {
    name: 'four-commons-five-joints',
    version: '0.1.0',
    platform: '^0.1.0',
    displayName: { zh: '四共五联', en: 'Four commons, five joints' },
    description:
      'The joint committee’s deliberations (major, practical, important and urgent matters) with decisions and follow-up tasks, the units’ five kinds of joint activity, and their statistics; urgent cases escalated to the street open an urgent deliberation.',
    capabilities: ['cases:read', 'organizations:read'],
  },
  config,
  migrations,
  events: {
    'four_commons_five_joints.deliberation_opened': {
      subject: 'JointDeliberation',
      description:
        'A joint deliberation was opened: by staff, or (origin CASE_ESCALATION) for an urgent case escalated to the street (`caseId`).',
      payload: z
        .object({
          kind: deliberationKind,
          origin: z.enum(['MANUAL', 'CASE_ESCALATION']),
          caseId: id.nullable(),
          unitIds: z.array(id),
        })
        .strict(),
    },
    'four_commons_five_joints.deliberation_updated': {
      subject: 'JointDeliberation',
      description: 'Its topic, agenda, meeting day or member units (`fields`) changed.',
      payload: z.object({ kind: deliberationKind, fields: z.array(z.string()) }).strict(),
    },
    'four_commons_five_joints.deliberation_discussion_started': {
      subject: 'JointDeliberation',
      description: 'The committee took a proposed deliberation up.',
      payload: kindOnly,
    },
    'four_commons_five_joints.deliberation_decided': {
      subject: 'JointDeliberation',
      description: 'A decision was recorded, with `tasks` follow-up tasks.',
      payload: z.object({ kind: deliberationKind, tasks: z.number().int() }).strict(),
    },
    'four_commons_five_joints.deliberation_closed': {
      subject: 'JointDeliberation',
      description: 'A decided deliberation was closed, its tasks done.',
      payload: kindOnly,
    },
    'four_commons_five_joints.deliberation_cancelled': {
      subject: 'JointDeliberation',
      description: 'A deliberation was withdrawn before its decision.',
      payload: kindOnly,
    },
    'four_commons_five_joints.task_assigned': {
      subject: 'JointDeliberationTask',
      description: 'A follow-up task was assigned to a member unit (`responsibleUnitId`).',
      payload: z
        .object({ deliberationId: id, responsibleUnitId: id, dueOn: z.iso.date() })
        .strict(),
    },
    'four_commons_five_joints.task_done': {
      subject: 'JointDeliberationTask',
      description: 'A follow-up task was done.',
      payload: z.object({ deliberationId: id, responsibleUnitId: id }).strict(),
    },
    'four_commons_five_joints.activity_recorded': {
      subject: 'JointActivity',
      description: 'A joint activity held by the units (`unitIds`) was recorded.',
      payload: z
        .object({
          kind: activityKind,
          heldOn: z.iso.date(),
          participants: z.number().int(),
          unitIds: z.array(id),
        })
        .strict(),
    },
    'four_commons_five_joints.activity_updated': {
      subject: 'JointActivity',
      description: 'A recorded joint activity was corrected (`fields`).',
      payload: z.object({ kind: activityKind, fields: z.array(z.string()) }).strict(),
    },
  },
  graphql: {
    typeDefs,
    resolvers,
    readModels: {
      JointDeliberation: {
        table: 'deliberation',
        fields: {
          kind: 'kind',
          title: 'title',
          agenda: 'agenda',
          status: 'status',
          origin: 'origin',
          meetingOn: { column: 'meeting_on', kind: 'date' },
          decision: 'decision',
          outcome: 'outcome',
          cancelReason: 'cancel_reason',
          proposedAt: { column: 'proposed_at', kind: 'timestamp' },
          discussionStartedAt: { column: 'discussion_started_at', kind: 'timestamp' },
          decidedAt: { column: 'decided_at', kind: 'timestamp' },
          closedAt: { column: 'closed_at', kind: 'timestamp' },
          cancelledAt: { column: 'cancelled_at', kind: 'timestamp' },
        },
        orders: {
          PROPOSED_AT: { column: 'proposed_at', type: 'timestamptz' },
          TITLE: { column: 'title', type: 'text' },
        },
        readableBy: 'staff',
      },
      JointDeliberationUnit: {
        table: 'deliberation_unit',
        fields: { addedAt: { column: 'added_at', kind: 'timestamp' } },
        orders: { ADDED_AT: { column: 'added_at', type: 'timestamptz' } },
        readableBy: 'staff',
      },
      JointDeliberationTask: {
        table: 'deliberation_task',
        fields: {
          title: 'title',
          dueOn: { column: 'due_on', kind: 'date' },
          status: 'status',
          note: 'note',
          createdAt: { column: 'created_at', kind: 'timestamp' },
          doneAt: { column: 'done_at', kind: 'timestamp' },
        },
        orders: {
          DUE_ON: { column: 'due_on', type: 'date' },
          CREATED_AT: { column: 'created_at', type: 'timestamptz' },
        },
        readableBy: 'staff',
      },
      JointActivity: {
        table: 'joint_activity',
        fields: {
          kind: 'kind',
          title: 'title',
          heldOn: { column: 'held_on', kind: 'date' },
          place: 'place',
          participants: { column: 'participants', kind: 'integer' },
          results: 'results',
          recordedAt: { column: 'recorded_at', kind: 'timestamp' },
        },
        orders: {
          HELD_ON: { column: 'held_on', type: 'date' },
          PARTICIPANTS: { column: 'participants', type: 'integer' },
          RECORDED_AT: { column: 'recorded_at', type: 'timestamptz' },
        },
        readableBy: 'staff',
      },
      JointActivityUnit: {
        table: 'joint_activity_unit',
        fields: { addedAt: { column: 'added_at', kind: 'timestamp' } },
        orders: { ADDED_AT: { column: 'added_at', type: 'timestamptz' } },
        readableBy: 'staff',
      },
    },
    relations: [
      connection('Query', 'jointDeliberations', 'JointDeliberation', 'PROPOSED_AT', {
        defaultDescending: true,
        filters: { kind: 'kind', status: 'status' },
      }),
      connection('Query', 'jointDeliberationTasks', 'JointDeliberationTask', 'DUE_ON', {
        filters: { status: 'status' },
      }),
      connection('Query', 'jointActivities', 'JointActivity', 'HELD_ON', {
        defaultDescending: true,
        filters: { kind: 'kind' },
      }),
      connection('Organization', 'jointDeliberationSeats', 'JointDeliberationUnit', 'ADDED_AT', {
        foreignKey: 'organization_id',
        defaultDescending: true,
      }),
      connection('Organization', 'jointActivityParts', 'JointActivityUnit', 'ADDED_AT', {
        foreignKey: 'organization_id',
        defaultDescending: true,
      }),
      connection('Organization', 'jointDeliberationTasks', 'JointDeliberationTask', 'DUE_ON', {
        foreignKey: 'responsible_organization_id',
        filters: { status: 'status' },
      }),
      {
        on: 'Case',
        field: 'jointDeliberations',
        kind: 'list',
        model: 'JointDeliberation',
        foreignKey: 'case_id',
        orderBy: 'proposed_at',
      },
      {
        on: 'JointDeliberation',
        field: 'units',
        kind: 'list',
        model: 'JointDeliberationUnit',
        foreignKey: 'deliberation_id',
        orderBy: 'added_at',
      },
      {
        on: 'JointDeliberation',
        field: 'tasks',
        kind: 'list',
        model: 'JointDeliberationTask',
        foreignKey: 'deliberation_id',
        orderBy: 'due_on',
      },
      { on: 'JointDeliberation', field: 'case', kind: 'object', model: 'Case', key: 'case_id' },
      {
        on: 'JointDeliberationUnit',
        field: 'organization',
        kind: 'object',
        model: 'Organization',
        key: 'organization_id',
      },
      {
        on: 'JointDeliberationUnit',
        field: 'deliberation',
        kind: 'object',
        model: 'JointDeliberation',
        key: 'deliberation_id',
      },
      {
        on: 'JointDeliberationTask',
        field: 'responsibleUnit',
        kind: 'object',
        model: 'Organization',
        key: 'responsible_organization_id',
      },
      {
        on: 'JointDeliberationTask',
        field: 'deliberation',
        kind: 'object',
        model: 'JointDeliberation',
        key: 'deliberation_id',
      },
      {
        on: 'JointActivity',
        field: 'units',
        kind: 'list',
        model: 'JointActivityUnit',
        foreignKey: 'activity_id',
        orderBy: 'added_at',
      },
      {
        on: 'JointActivityUnit',
        field: 'organization',
        kind: 'object',
        model: 'Organization',
        key: 'organization_id',
      },
      {
        on: 'JointActivityUnit',
        field: 'activity',
        kind: 'object',
        model: 'JointActivity',
        key: 'activity_id',
      },
    ],
  },
  hooks: [openUrgentDeliberation],
  // 西固城街道: the 大工委 and 党工委 meet on every urgent case; three units decide.
  // Problems found in the joint patrols and the joint environment work become cases.
  categories: [
    {
      code: '0590',
      name: '联防巡查发现',
      nameEn: 'Found on a joint patrol',
      serviceCode: 'four-commons-five-joints.joint-patrol',
      acceptanceCriteria:
        '社会治安联防巡查中发现的街面秩序问题（占道、乱停、安全隐患），有照片和位置。',
      closureCriteria: '问题已处置，联防成员单位复查确认。',
      timeLimits: { A: 4 * 60, B: 8 * 60, C: 3 * 8 * 60 },
      departments: ['城管', '综治'],
    },
    {
      code: '0890',
      name: '联建环境整治点位',
      nameEn: 'Joint environment clean-up spot',
      serviceCode: 'four-commons-five-joints.joint-environment',
      acceptanceCriteria: '健康环境联建活动中确定需要整治的卫生死角、积存垃圾或绿化破坏点位。',
      closureCriteria: '点位整治完成，现场复查无反弹。',
      timeLimits: { A: 8 * 60, B: 2 * 8 * 60, C: 5 * 8 * 60 },
      departments: ['环卫'],
    },
  ],
  demoStreets: {
    '620104001': { quorum: 3, urgentUnitKinds: ['JOINT_COMMITTEE', 'STREET_COMMITTEE'] },
  },
  async demo(ctx) {
    await loadDemo(ctx, ctx.streetIds[0]!);
  },
});
