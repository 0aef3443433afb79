import { connectionArgs, connectionTypes } from '@lianxin/sdk';

const kindFilter = `"""Only entries of these kinds."""\n    kind: [MoralEntryKind!]`;
const activeFilter = `"""Only rewards offered (true) or withdrawn (false)."""\n    active: Boolean`;

export const typeDefs = `
"""
A person's moral passbook (道德存折): a ledger of points earned by volunteer service, good deeds
and fulfilled micro-wishes, and spent on the street's rewards. Staff see the street's; residents
and volunteers their own.
"""
type MoralPassbook implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """Points held now: the sum of the entries, never below 0."""
  balance: Int!
  """When the passbook was opened (with its first points, or by staff)."""
  openedAt: DateTime!
  """When its balance last changed."""
  updatedAt: DateTime!
  """Whose passbook it is (null where you may not see the person)."""
  person: Person
  """Its entries, newest first."""
  entries${connectionArgs('MoralEntry', kindFilter)}: MoralEntryConnection!
}

"""
One entry of a moral passbook. Entries are never changed or deleted: a mistake is reversed by a
new entry of the opposite points.
"""
type MoralEntry implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """What the points are for."""
  kind: MoralEntryKind!
  """Points credited (more than 0) or spent and taken back (less than 0)."""
  points: Int!
  """The passbook's balance after this entry."""
  balanceAfter: Int!
  """For good deeds: which kind of deed."""
  category: MoralDeedCategory
  """What was done, the reward's name, or why an entry was reversed."""
  note: String
  """The day of the service or deed (of the redemption or reversal for those)."""
  occurredOn: LocalDate!
  """When the entry was written."""
  recordedAt: DateTime!
  """The passbook it belongs to."""
  passbook: MoralPassbook
  """For redemptions: the reward redeemed."""
  reward: MoralReward
  """For reversals: the entry reversed."""
  reverses: MoralEntry
  """The entry that reversed this one: empty, or one entry."""
  reversals: [MoralEntry!]!
  """For service: the confirmed service record (null where you may not see it)."""
  serviceRecord: ServiceRecord
}

"""What a moral passbook entry is for."""
enum MoralEntryKind {
  """Confirmed volunteer service (志愿服务), per hour; a correction credits the difference."""
  SERVICE
  """A good deed (好人好事) recorded by staff."""
  GOOD_DEED
  """A resident's micro-wish (微心愿) fulfilled."""
  WISH
  """A reward redeemed (积分兑换): negative points."""
  REDEMPTION
  """The reversal (冲正) of an earlier entry: its points with the opposite sign."""
  REVERSAL
}

"""Kinds of good deed, after the five kinds of 道德模范 and the street's own."""
enum MoralDeedCategory {
  """孝老爱亲: caring for parents and elders."""
  FILIAL_PIETY
  """助人为乐: helping others."""
  HELPING_OTHERS
  """诚实守信: honesty, e.g. returning something found."""
  HONESTY
  """见义勇为: bravery for others."""
  BRAVERY
  """敬业奉献: dedication to one's work and the community."""
  DEDICATION
  """邻里和睦: neighbourliness, settling a dispute."""
  NEIGHBOURLINESS
  """美化环境: keeping the neighbourhood clean and green."""
  ENVIRONMENT
  """移风易俗 / 文明新风: civility and new customs."""
  CIVILITY
}

"""A reward of a street's moral bank (积分兑换), redeemed with passbook points."""
type MoralReward implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """Its name, e.g. "大米 5 斤"."""
  name: String!
  """More about it."""
  description: String
  """Points it costs."""
  cost: Int!
  """How many are left."""
  stock: Int!
  """How many were redeemed (less those whose redemption was reversed)."""
  redeemedCount: Int!
  """Whether it is offered."""
  active: Boolean!
  """When it was added."""
  createdAt: DateTime!
  """Its redemptions, newest first (residents and volunteers see their own)."""
  redemptions${connectionArgs('MoralEntry')}: MoralEntryConnection!
}

${connectionTypes('MoralPassbook', 'moral passbooks', {
  BALANCE: 'Its balance.',
  OPENED_AT: 'When it was opened.',
})}
${connectionTypes('MoralEntry', 'moral passbook entries', {
  RECORDED_AT: 'When it was written.',
})}
${connectionTypes('MoralReward', 'moral bank rewards', {
  COST: 'Its cost in points.',
  NAME: 'Its name.',
  CREATED_AT: 'When it was added.',
})}

"""Opens a person's passbook (it opens by itself with their first points)."""
input OpenMoralPassbookInput {
  """The person (a Person ID)."""
  personId: ID!
}

"""A good deed (好人好事) to record in a person's passbook."""
input RecordGoodDeedInput {
  """Who did it (a Person ID)."""
  personId: ID!
  """Which kind of deed."""
  category: MoralDeedCategory!
  """What was done (1 to 500 characters)."""
  note: String!
  """Points (1 to the street's maximum); the street's points per good deed when left out."""
  points: Int
  """The day of the deed (not in the future); today when left out."""
  occurredOn: LocalDate
}

"""Redeems a reward with passbook points."""
input RedeemMoralRewardInput {
  """The reward."""
  rewardId: ID!
  """Staff redeeming for a person: the person (a Person ID). Residents redeem as themselves."""
  personId: ID
}

"""Reverses a ledger entry (冲正)."""
input ReverseMoralEntryInput {
  """The entry; not a reversal, and not reversed before."""
  entryId: ID!
  """Why (1 to 500 characters)."""
  reason: String!
}

"""A reward to offer."""
input CreateMoralRewardInput {
  """The street (needed only by callers of several streets)."""
  streetId: ID
  """Its name (1 to 50 characters, unique in the street)."""
  name: String!
  """More about it (at most 500 characters)."""
  description: String
  """Points it costs (1 to 100,000)."""
  cost: Int!
  """How many there are (0 to 100,000)."""
  stock: Int!
}

"""Changes a reward; fields left out stay as they are."""
input UpdateMoralRewardInput {
  """The reward."""
  id: ID!
  """Its name (1 to 50 characters, unique in the street)."""
  name: String
  """More about it (at most 500 characters; an empty text clears it)."""
  description: String
  """Points it costs (1 to 100,000); redemptions made stay as they were."""
  cost: Int
  """How many are left (0 to 100,000)."""
  stock: Int
  """Whether it is offered."""
  active: Boolean
}

"""The result of a mutation on a passbook's entries."""
type MoralEntryPayload {
  """The entry written; null when the mutation failed."""
  entry: MoralEntry
  """The passbook as it is after the mutation; null when it failed."""
  passbook: MoralPassbook
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

"""The result of opening a passbook."""
type MoralPassbookPayload {
  """The passbook; null when the mutation failed."""
  passbook: MoralPassbook
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

"""The result of a reward mutation."""
type MoralRewardPayload {
  """The reward as it is after the mutation; null when it failed."""
  reward: MoralReward
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

extend type Person {
  """Their moral passbook (道德存折; the moral-bank plugin); null when none is open or hidden."""
  moralPassbook: MoralPassbook
}

extend type Query {
  """
  Moral passbooks of your streets, largest balance first (the moral-bank plugin): staff see the
  street's, residents and volunteers their own.
  """
  moralPassbooks${connectionArgs('MoralPassbook')}: MoralPassbookConnection
  """Your own moral passbook (residents and volunteers); null when none is open."""
  myMoralPassbook: MoralPassbook
  """Moral passbook entries of your streets, newest first (residents: their own)."""
  moralEntries${connectionArgs('MoralEntry', kindFilter)}: MoralEntryConnection
  """Rewards of your streets' moral banks, cheapest first."""
  moralRewards${connectionArgs('MoralReward', activeFilter)}: MoralRewardConnection
}

extend type Mutation {
  """Opens a person's moral passbook (staff); answers the open one if there is one."""
  openMoralPassbook(
    """The person."""
    input: OpenMoralPassbookInput!
  ): MoralPassbookPayload
  """Records a good deed (好人好事) and its points in the person's passbook (staff)."""
  recordGoodDeed(
    """The person, the deed and its points."""
    input: RecordGoodDeedInput!
  ): MoralEntryPayload
  """
  Redeems a reward with passbook points (residents and volunteers as themselves; staff for a
  person). Refused when the passbook holds too few points or the reward is out of stock.
  """
  redeemMoralReward(
    """The reward and, for staff, the person."""
    input: RedeemMoralRewardInput!
  ): MoralEntryPayload
  """
  Reverses a ledger entry with a new entry of the opposite points (street and community
  staff); a reversed redemption puts its reward back in stock.
  """
  reverseMoralEntry(
    """The entry and why."""
    input: ReverseMoralEntryInput!
  ): MoralEntryPayload
  """Adds a reward to a street's moral bank (street and community staff)."""
  createMoralReward(
    """The reward."""
    input: CreateMoralRewardInput!
  ): MoralRewardPayload
  """Changes a reward: its name, cost, stock, or whether it is offered (street and community staff)."""
  updateMoralReward(
    """The reward and its changes."""
    input: UpdateMoralRewardInput!
  ): MoralRewardPayload
}
`;
