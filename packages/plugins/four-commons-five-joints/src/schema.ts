import { connectionArgs, connectionTypes } from '@lianxin/sdk';

const deliberationFilters = `"""Only deliberations of these kinds."""
    kind: [JointDeliberationKind!]
    """Only deliberations in these states."""
    status: [JointDeliberationStatus!]`;
const taskFilter = `"""Only tasks in these states."""\n    status: [JointDeliberationTaskStatus!]`;
const activityFilter = `"""Only activities of these kinds."""\n    kind: [JointActivityKind!]`;

const types = `
"""
A deliberation of the street's joint committee (四共: 大事共议, 实事共办, 要事共决, 急事共商): a
topic its member units take up together, decide, and follow up with tasks.
"""
type JointDeliberation implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """Which of the four it is."""
  kind: JointDeliberationKind!
  """The topic, e.g. "辖区老旧小区改造年度计划"."""
  title: String!
  """What is to be discussed, and the proposals on the table."""
  agenda: String
  """Where it stands: PROPOSED → DISCUSSING → DECIDED → CLOSED, or CANCELLED before a decision."""
  status: JointDeliberationStatus!
  """Opened by staff, or by the platform for an urgent case escalated to the street."""
  origin: JointDeliberationOrigin!
  """The day the committee meets on it, when set."""
  meetingOn: LocalDate
  """The decision (决议), once decided."""
  decision: String
  """What came of it, written on closing."""
  outcome: String
  """Why it was withdrawn, when cancelled."""
  cancelReason: String
  """When it was proposed (opened)."""
  proposedAt: DateTime!
  """When the committee took it up."""
  discussionStartedAt: DateTime
  """When it was decided."""
  decidedAt: DateTime
  """When it was closed."""
  closedAt: DateTime
  """When it was withdrawn."""
  cancelledAt: DateTime
  """The member units of the joint committee taking part, in the order they joined."""
  units: [JointDeliberationUnit!]!
  """Follow-up tasks of the decision, earliest due first."""
  tasks: [JointDeliberationTask!]!
  """The case it is about, if any (null where you may not see the case)."""
  case: Case
}

"""The four kinds of joint deliberation (四共)."""
enum JointDeliberationKind {
  """大事共议: major matters of the area, discussed together."""
  MAJOR
  """实事共办: practical projects for residents, carried out together."""
  PRACTICAL
  """要事共决: important decisions, taken together."""
  IMPORTANT
  """急事共商: urgent matters, consulted on at once (opens straight into discussion)."""
  URGENT
}

"""Where a joint deliberation stands."""
enum JointDeliberationStatus {
  """提议: proposed, waiting for the committee to take it up."""
  PROPOSED
  """协商: under discussion by the member units."""
  DISCUSSING
  """形成决议: decided; its follow-up tasks are under way."""
  DECIDED
  """办结: every task done, outcome recorded."""
  CLOSED
  """Withdrawn before a decision."""
  CANCELLED
}

"""Who opened a joint deliberation."""
enum JointDeliberationOrigin {
  """Street or community staff."""
  MANUAL
  """The platform, when an urgent (A) case was escalated to the street."""
  CASE_ESCALATION
}

"""A member unit's seat on a joint deliberation."""
type JointDeliberationUnit {
  """The organization (null where you may not see it)."""
  organization: Organization
  """The deliberation."""
  deliberation: JointDeliberation
  """When it joined the deliberation."""
  addedAt: DateTime!
}

"""A follow-up task of a joint deliberation's decision, carried by one member unit."""
type JointDeliberationTask implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """What is to be done."""
  title: String!
  """By when."""
  dueOn: LocalDate!
  """OPEN or DONE."""
  status: JointDeliberationTaskStatus!
  """What the unit reported on finishing it."""
  note: String
  """When it was assigned."""
  createdAt: DateTime!
  """When it was done."""
  doneAt: DateTime
  """The member unit responsible (null where you may not see it)."""
  responsibleUnit: Organization
  """The deliberation it follows up."""
  deliberation: JointDeliberation
}

"""Where a follow-up task stands."""
enum JointDeliberationTaskStatus {
  """Assigned, not yet done."""
  OPEN
  """Done."""
  DONE
}

"""
A joint activity of the street's units (五联: 精神文明联创, 社会治安联防, 公益事业联办, 健康环境联建,
文体活动联谊), recorded once held.
"""
type JointActivity implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """Which of the five it is."""
  kind: JointActivityKind!
  """What it was, e.g. "夜间治安联防巡逻"."""
  title: String!
  """The day it was held."""
  heldOn: LocalDate!
  """Where."""
  place: String
  """How many people took part."""
  participants: Int!
  """What it achieved."""
  results: String
  """When it was recorded."""
  recordedAt: DateTime!
  """The units that took part."""
  units: [JointActivityUnit!]!
}

"""The five kinds of joint activity (五联)."""
enum JointActivityKind {
  """精神文明联创: civility campaigns created together."""
  SPIRITUAL_CIVILIZATION
  """社会治安联防: public security, patrolled and guarded together."""
  PUBLIC_SECURITY
  """公益事业联办: public-welfare work run together."""
  PUBLIC_WELFARE
  """健康环境联建: a healthy environment built together."""
  HEALTHY_ENVIRONMENT
  """文体活动联谊: cultural and sports events that bring units and residents together."""
  CULTURE_AND_SPORTS
}

"""A unit's part in a joint activity."""
type JointActivityUnit {
  """The organization (null where you may not see it)."""
  organization: Organization
  """The activity."""
  activity: JointActivity
  """When its part was recorded."""
  addedAt: DateTime!
}

"""四共五联 in numbers, for a period."""
type FourCommonsStats {
  """First day counted (none: from the start)."""
  from: LocalDate
  """Last day counted (none: up to now)."""
  to: LocalDate
  """Deliberations per kind (all four kinds, counted by the day they were proposed)."""
  deliberations: [JointDeliberationKindStats!]!
  """Activities per kind (all five kinds, counted by the day they were held)."""
  activities: [JointActivityKindStats!]!
  """Per organization, what it took part in; most active first."""
  units: [FourCommonsUnitStats!]!
}

"""Deliberations of one kind."""
type JointDeliberationKindStats {
  """The kind."""
  kind: JointDeliberationKind!
  """All of them, cancelled ones included."""
  total: Int!
  """Proposed or under discussion."""
  open: Int!
  """Decided, tasks under way."""
  decided: Int!
  """Closed."""
  closed: Int!
  """Withdrawn."""
  cancelled: Int!
}

"""Activities of one kind."""
type JointActivityKindStats {
  """The kind."""
  kind: JointActivityKind!
  """How many were held."""
  total: Int!
  """How many people took part, all together."""
  participants: Int!
}

"""What one organization took part in."""
type FourCommonsUnitStats {
  """The organization's ID (an Organization)."""
  organizationId: ID!
  """Its name (null where you may not see it)."""
  name: String
  """Its kind (null where you may not see it)."""
  kind: OrganizationKind
  """Deliberations it was a member unit of (cancelled ones left out)."""
  deliberations: Int!
  """Activities it took part in."""
  activities: Int!
  """Follow-up tasks it carries, not yet done."""
  tasksOpen: Int!
  """Follow-up tasks it has done."""
  tasksDone: Int!
}
`;

const connections = `
${connectionTypes('JointDeliberation', 'joint deliberations', {
  PROPOSED_AT: 'When it was proposed.',
  TITLE: 'Its title.',
})}
${connectionTypes('JointDeliberationTask', 'follow-up tasks', {
  DUE_ON: 'When it is due.',
  CREATED_AT: 'When it was assigned.',
})}
${connectionTypes('JointDeliberationUnit', 'seats on joint deliberations', {
  ADDED_AT: 'When the unit joined.',
})}
${connectionTypes('JointActivity', 'joint activities', {
  HELD_ON: 'The day it was held.',
  PARTICIPANTS: 'How many took part.',
  RECORDED_AT: 'When it was recorded.',
})}
${connectionTypes('JointActivityUnit', 'parts in joint activities', {
  ADDED_AT: 'When the part was recorded.',
})}
`;

const inputs = `
"""A joint deliberation to open."""
input CreateJointDeliberationInput {
  """The street (a Street ID); leave out if you work in one street."""
  streetId: ID
  """Which of the four."""
  kind: JointDeliberationKind!
  """The topic (1 to 100 characters)."""
  title: String!
  """What is to be discussed (at most 2,000 characters)."""
  agenda: String
  """Member units taking part: Organization IDs of the street, 1 to 30."""
  unitIds: [ID!]!
  """The case it is about (a Case ID of the street); a case has at most one URGENT deliberation."""
  caseId: ID
  """The day the committee meets on it."""
  meetingOn: LocalDate
}

"""Changes to a deliberation not yet decided; what is left out stays."""
input UpdateJointDeliberationInput {
  """The deliberation."""
  id: ID!
  """A new topic."""
  title: String
  """A new agenda (null removes it)."""
  agenda: String
  """A new meeting day (null removes it)."""
  meetingOn: LocalDate
  """All member units from now on (Organization IDs, 1 to 30)."""
  unitIds: [ID!]
}

"""Names a deliberation."""
input JointDeliberationActionInput {
  """The deliberation."""
  id: ID!
}

"""A follow-up task of a decision."""
input JointDeliberationTaskInput {
  """What is to be done (1 to 100 characters)."""
  title: String!
  """The member unit responsible (an Organization ID among the deliberation's units)."""
  responsibleUnitId: ID!
  """By when (today or later)."""
  dueOn: LocalDate!
}

"""Records the decision of a deliberation under discussion."""
input DecideJointDeliberationInput {
  """The deliberation."""
  id: ID!
  """The decision (1 to 2,000 characters)."""
  decision: String!
  """Its follow-up tasks (at most 30)."""
  tasks: [JointDeliberationTaskInput!]
}

"""Closes a decided deliberation whose tasks are done."""
input CloseJointDeliberationInput {
  """The deliberation."""
  id: ID!
  """What came of it (at most 2,000 characters)."""
  outcome: String
}

"""Withdraws a deliberation before its decision."""
input CancelJointDeliberationInput {
  """The deliberation."""
  id: ID!
  """Why (1 to 500 characters)."""
  reason: String!
}

"""Adds a follow-up task to a decided deliberation."""
input AddJointDeliberationTaskInput {
  """The deliberation."""
  deliberationId: ID!
  """The task."""
  task: JointDeliberationTaskInput!
}

"""Marks a follow-up task done."""
input CompleteJointDeliberationTaskInput {
  """The task."""
  id: ID!
  """What was done (at most 1,000 characters)."""
  note: String
}

"""A joint activity held."""
input RecordJointActivityInput {
  """The street (a Street ID); leave out if you work in one street."""
  streetId: ID
  """Which of the five."""
  kind: JointActivityKind!
  """What it was (1 to 100 characters)."""
  title: String!
  """The day it was held (today or earlier)."""
  heldOn: LocalDate!
  """Where (at most 200 characters)."""
  place: String
  """Units that took part: Organization IDs of the street, 1 to 30."""
  unitIds: [ID!]!
  """How many people took part (0 to 100,000)."""
  participants: Int!
  """What it achieved (at most 2,000 characters)."""
  results: String
}

"""Corrections to a recorded activity; what is left out stays."""
input UpdateJointActivityInput {
  """The activity."""
  id: ID!
  """A new title."""
  title: String
  """Another day (today or earlier)."""
  heldOn: LocalDate
  """Another place (null removes it)."""
  place: String
  """All units that took part (Organization IDs, 1 to 30)."""
  unitIds: [ID!]
  """How many people took part."""
  participants: Int
  """What it achieved (null removes it)."""
  results: String
}

"""The result of a joint deliberation mutation."""
type JointDeliberationPayload {
  """The deliberation as it is after the mutation; null when it failed."""
  deliberation: JointDeliberation
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

"""The result of a follow-up task mutation."""
type JointDeliberationTaskPayload {
  """The task as it is after the mutation; null when it failed."""
  task: JointDeliberationTask
  """Its deliberation after the mutation; null when it failed."""
  deliberation: JointDeliberation
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

"""The result of a joint activity mutation."""
type JointActivityPayload {
  """The activity as it is after the mutation; null when it failed."""
  activity: JointActivity
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}
`;

const extensions = `
extend type Query {
  """Joint deliberations (四共) of your streets where the plugin is enabled, newest first."""
  jointDeliberations${connectionArgs('JointDeliberation', deliberationFilters)}: JointDeliberationConnection
  """Follow-up tasks of joint deliberations, earliest due first."""
  jointDeliberationTasks${connectionArgs('JointDeliberationTask', taskFilter)}: JointDeliberationTaskConnection
  """Joint activities (五联) of your streets where the plugin is enabled, latest first."""
  jointActivities${connectionArgs('JointActivity', activityFilter)}: JointActivityConnection
  """四共五联 in numbers: per kind and per unit, in your streets or one of them."""
  fourCommonsStats(
    """One street only (a Street ID)."""
    streetId: ID
    """First day counted."""
    from: LocalDate
    """Last day counted."""
    to: LocalDate
  ): FourCommonsStats
}

extend type Organization {
  """Joint deliberations (四共) this organization is a member unit of, newest first; totalCount counts them."""
  jointDeliberationSeats${connectionArgs('JointDeliberationUnit')}: JointDeliberationUnitConnection
  """Joint activities (五联) this organization took part in, newest first; totalCount counts them."""
  jointActivityParts${connectionArgs('JointActivityUnit')}: JointActivityUnitConnection
  """Follow-up tasks of joint deliberations this organization is responsible for, earliest due first."""
  jointDeliberationTasks${connectionArgs('JointDeliberationTask', taskFilter)}: JointDeliberationTaskConnection
}

extend type Case {
  """Joint deliberations (四共) about this case, such as its 急事共商."""
  jointDeliberations: [JointDeliberation!]
}

extend type Mutation {
  """Opens a joint deliberation (street administrators, community staff). URGENT ones open into discussion."""
  createJointDeliberation(
    """The deliberation."""
    input: CreateJointDeliberationInput!
  ): JointDeliberationPayload
  """Changes the topic, agenda, meeting day or member units of a deliberation not yet decided."""
  updateJointDeliberation(
    """The changes."""
    input: UpdateJointDeliberationInput!
  ): JointDeliberationPayload
  """Puts a proposed deliberation to the committee: PROPOSED → DISCUSSING."""
  startJointDeliberationDiscussion(
    """The deliberation."""
    input: JointDeliberationActionInput!
  ): JointDeliberationPayload
  """Records the decision and its follow-up tasks: DISCUSSING → DECIDED (the street's quorum of units needed)."""
  decideJointDeliberation(
    """The decision and tasks."""
    input: DecideJointDeliberationInput!
  ): JointDeliberationPayload
  """Closes a decided deliberation whose tasks are all done: DECIDED → CLOSED."""
  closeJointDeliberation(
    """The deliberation and its outcome."""
    input: CloseJointDeliberationInput!
  ): JointDeliberationPayload
  """Withdraws a deliberation before its decision: → CANCELLED."""
  cancelJointDeliberation(
    """The deliberation and why."""
    input: CancelJointDeliberationInput!
  ): JointDeliberationPayload
  """Adds a follow-up task to a decided deliberation, carried by one of its member units."""
  addJointDeliberationTask(
    """The deliberation and the task."""
    input: AddJointDeliberationTaskInput!
  ): JointDeliberationTaskPayload
  """Marks a follow-up task done."""
  completeJointDeliberationTask(
    """The task and a note."""
    input: CompleteJointDeliberationTaskInput!
  ): JointDeliberationTaskPayload
  """Records a joint activity held (street administrators, community staff)."""
  recordJointActivity(
    """The activity."""
    input: RecordJointActivityInput!
  ): JointActivityPayload
  """Corrects or completes a recorded joint activity."""
  updateJointActivity(
    """The changes."""
    input: UpdateJointActivityInput!
  ): JointActivityPayload
}
`;

export const typeDefs = `${types}${connections}${inputs}${extensions}`;
