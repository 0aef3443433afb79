import { connectionArgs, connectionTypes } from '@lianxin/sdk';

const statusFilter = `"""Only wishes in these states."""\n    status: [WishStatus!]`;

export const typeDefs = `
"""A resident's small wish (微心愿), claimed and fulfilled by a party member or volunteer."""
type Wish implements Node {
  """Globally unique, opaque ID; pass it to \`node(id:)\` to fetch the object again."""
  id: ID!
  """What is wished for, e.g. "帮忙修理轮椅"."""
  title: String!
  """More about it."""
  description: String
  """Where it stands."""
  status: WishStatus!
  """When it was posted."""
  postedAt: DateTime!
  """When it was claimed."""
  claimedAt: DateTime
  """When it was fulfilled."""
  fulfilledAt: DateTime
  """What the claimant wrote on fulfilling it."""
  fulfilmentNote: String
  """The grid it was posted in."""
  grid: Grid
  """Who posted it (null where you may not see the person)."""
  postedBy: Person
  """Who claimed it (null while open, or where you may not see the person)."""
  claimant: Person
  """Photos: of the wish when posted, of its fulfilment."""
  photos: [WishPhoto!]!
}

"""Where a wish stands."""
enum WishStatus {
  """Posted, waiting for someone to claim it."""
  OPEN
  """Claimed by a member, who will fulfil it."""
  CLAIMED
  """Fulfilled."""
  FULFILLED
  """Withdrawn before it was fulfilled."""
  CANCELLED
}

"""A photo of a wish."""
type WishPhoto {
  """Its address."""
  url: String!
  """POSTED (of the wish) or FULFILLED (of its fulfilment)."""
  stage: String!
  """When it was added."""
  addedAt: DateTime!
}

"""How many wishes are in each state."""
type WishStats {
  """All wishes posted."""
  posted: Int!
  """Waiting for a claimant."""
  open: Int!
  """Claimed and not yet fulfilled."""
  claimed: Int!
  """Fulfilled."""
  fulfilled: Int!
  """Withdrawn."""
  cancelled: Int!
}

${connectionTypes('Wish', 'wishes', {
  POSTED_AT: 'When it was posted.',
  TITLE: 'Its title.',
})}

"""A resident's wish to post."""
input PostWishInput {
  """The grid it is in (yours, for residents)."""
  gridId: ID!
  """What is wished for (1 to 100 characters)."""
  title: String!
  """More about it (at most 1,000 characters)."""
  description: String
  """Photo addresses (http or https, at most 5)."""
  photos: [String!]
  """Staff posting for a resident: the resident (a Person ID). Residents post as themselves."""
  posterId: ID
}

"""Claims an open wish."""
input ClaimWishInput {
  """The wish."""
  id: ID!
  """Staff claiming for a member: the member (a Person ID). Members claim as themselves."""
  claimantId: ID
}

"""Marks a claimed wish fulfilled."""
input FulfilWishInput {
  """The wish."""
  id: ID!
  """What was done (at most 1,000 characters)."""
  note: String
  """Photos of the fulfilment (http or https, at most 5)."""
  photos: [String!]
}

"""Withdraws a wish that is not yet fulfilled."""
input CancelWishInput {
  """The wish."""
  id: ID!
}

"""The result of a wish mutation."""
type WishPayload {
  """The wish as it is after the mutation; null when it failed."""
  wish: Wish
  """Problems with the input; empty on success."""
  userErrors: [UserError!]!
}

extend type Grid {
  """Micro-wishes (微心愿) posted in this grid, newest first (the micro-wish plugin)."""
  wishes${connectionArgs('Wish', statusFilter)}: WishConnection
}

extend type Query {
  """Micro-wishes (微心愿) of your streets where the plugin is enabled, newest first."""
  wishes${connectionArgs('Wish', statusFilter)}: WishConnection
  """How many wishes are in each state, in your streets or in one grid (not its subtree)."""
  wishStats(
    """One grid only."""
    gridId: ID
  ): WishStats
}

extend type Mutation {
  """Posts a wish (residents as themselves; staff for a resident)."""
  postWish(
    """The wish."""
    input: PostWishInput!
  ): WishPayload
  """Claims an open wish (a member as themselves; staff for a member)."""
  claimWish(
    """The wish and, for staff, the member."""
    input: ClaimWishInput!
  ): WishPayload
  """Marks a claimed wish fulfilled (its claimant, or staff)."""
  fulfilWish(
    """The wish, a note and photos."""
    input: FulfilWishInput!
  ): WishPayload
  """Withdraws a wish not yet fulfilled (its poster, or staff)."""
  cancelWish(
    """The wish."""
    input: CancelWishInput!
  ): WishPayload
}
`;
