import { PluginInputError, type PluginContext, type PluginResolver } from '@lianxin/sdk';
import type { MicroWishConfig } from './config';
import { idOf, isStaff, PEOPLE, photos, text } from './rules';

interface WishRow {
  id: string;
  streetId: string;
  status: string;
  posterId: string | null;
  claimantId: string | null;
  gridId: string;
}

const payload = async (ctx: PluginContext, id: string) => ({
  wish: await ctx.load('Wish', id),
  userErrors: [],
});

/** The wish, locked for the change; a user error when there is none the caller may see. */
async function lockWish(ctx: PluginContext, globalId: string): Promise<WishRow> {
  const id = idOf(ctx, globalId, 'Wish', ['input', 'id']);
  const [row] = await ctx.db.query<WishRow>(
    `SELECT id::text AS id, street_id::text AS "streetId", status, poster_person_id::text AS "posterId",
            claimant_person_id::text AS "claimantId", grid_id::text AS "gridId"
     FROM wish WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw PluginInputError.single(['input', 'id'], 'No wish has this ID.', 'NOT_FOUND');
  return row;
}

function illegal(row: WishRow, action: string): never {
  throw PluginInputError.single(
    ['input', 'id'],
    `A wish that is ${row.status} cannot be ${action}.`,
    'ILLEGAL_TRANSITION',
  );
}

/** The person acting: the caller's own, or (staff) the one named in `field`. */
async function personActing(
  ctx: PluginContext,
  given: unknown,
  field: string[],
  streetId: string,
): Promise<string> {
  if (PEOPLE.includes(ctx.viewer.role ?? '')) {
    if (given)
      throw PluginInputError.single(field, 'Only staff act for someone else.', 'FORBIDDEN');
    if (!ctx.viewer.personId)
      throw PluginInputError.single(field, 'Your account is not linked to a person.', 'FORBIDDEN');
    return ctx.viewer.personId;
  }
  if (!isStaff(ctx))
    throw PluginInputError.single(['input'], 'Your role may not do this.', 'FORBIDDEN');
  if (!given)
    throw PluginInputError.single(field, 'Staff name the person they act for.', 'REQUIRED');
  const personId = idOf(ctx, String(given), 'Person', field);
  const person = await ctx.core.people.get(personId);
  if (!person || person.streetId !== streetId) {
    throw PluginInputError.single(field, 'No person of this street has this ID.', 'NOT_FOUND');
  }
  return personId;
}

const postWish: PluginResolver = async (_parent, { input }, ctx) => {
  const i = input as Record<string, unknown>;
  const gridId = idOf(ctx, String(i.gridId), 'Grid', ['input', 'gridId']);
  const grid = await ctx.core.grids.get(gridId);
  if (!grid)
    throw PluginInputError.single(['input', 'gridId'], 'No grid has this ID.', 'NOT_FOUND');
  const streetId = ctx.street(grid.streetId);
  const title = text(i.title, ['input', 'title'], 100)!;
  const description = text(i.description, ['input', 'description'], 1000, false);
  const urls = photos(i.photos, ['input', 'photos']);
  const poster = await personActing(ctx, i.posterId, ['input', 'posterId'], streetId);
  const config = ctx.config(streetId) as MicroWishConfig;
  const [{ open }] = (await ctx.db.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM wish WHERE poster_person_id = $1 AND status IN ('OPEN', 'CLAIMED')`,
    [poster],
  )) as [{ open: number }];
  if (open >= config.maxOpenPerPerson) {
    throw PluginInputError.single(
      ['input'],
      `This person already has ${open} wishes waiting (at most ${config.maxOpenPerPerson} in this street).`,
      'CONFLICT',
    );
  }
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO wish (street_id, grid_id, title, description, poster_person_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
    [streetId, gridId, title, description, poster],
  );
  const id = row!.id;
  for (const url of urls) {
    await ctx.db.query(
      `INSERT INTO wish_photo (street_id, wish_id, url, stage) VALUES ($1, $2, $3, 'POSTED')`,
      [streetId, id, url],
    );
  }
  await ctx.emit('micro_wish.posted', { streetId, subjectId: id, payload: { gridId } });
  return payload(ctx, id);
};

const claimWish: PluginResolver = async (_parent, { input }, ctx) => {
  const i = input as Record<string, unknown>;
  const wish = await lockWish(ctx, String(i.id));
  ctx.street(wish.streetId);
  if (wish.status !== 'OPEN') illegal(wish, 'claimed');
  const claimant = await personActing(ctx, i.claimantId, ['input', 'claimantId'], wish.streetId);
  if (claimant === wish.posterId) {
    throw PluginInputError.single(
      ['input', 'id'],
      'A wish cannot be claimed by the person who posted it.',
      'FORBIDDEN',
    );
  }
  await ctx.db.query(
    `UPDATE wish SET status = 'CLAIMED', claimant_person_id = $2, claimed_at = now(), version = version + 1 WHERE id = $1`,
    [wish.id, claimant],
  );
  await ctx.emit('micro_wish.claimed', {
    streetId: wish.streetId,
    subjectId: wish.id,
    payload: { gridId: wish.gridId, claimantId: claimant },
  });
  return payload(ctx, wish.id);
};

const fulfilWish: PluginResolver = async (_parent, { input }, ctx) => {
  const i = input as Record<string, unknown>;
  const wish = await lockWish(ctx, String(i.id));
  ctx.street(wish.streetId);
  if (wish.status !== 'CLAIMED') illegal(wish, 'fulfilled');
  if (!isStaff(ctx) && ctx.viewer.personId !== wish.claimantId) {
    throw PluginInputError.single(
      ['input', 'id'],
      'Only its claimant or staff may fulfil a wish.',
      'FORBIDDEN',
    );
  }
  const note = text(i.note, ['input', 'note'], 1000, false);
  const urls = photos(i.photos, ['input', 'photos']);
  const config = ctx.config(wish.streetId) as MicroWishConfig;
  if (config.requirePhotoToFulfil && !urls.length) {
    throw PluginInputError.single(
      ['input', 'photos'],
      'This street asks for a photo of the fulfilment.',
      'REQUIRED',
    );
  }
  await ctx.db.query(
    `UPDATE wish SET status = 'FULFILLED', fulfilment_note = $2, fulfilled_at = now(), version = version + 1 WHERE id = $1`,
    [wish.id, note],
  );
  for (const url of urls) {
    await ctx.db.query(
      `INSERT INTO wish_photo (street_id, wish_id, url, stage) VALUES ($1, $2, $3, 'FULFILLED')`,
      [wish.streetId, wish.id, url],
    );
  }
  await ctx.emit('micro_wish.fulfilled', {
    streetId: wish.streetId,
    subjectId: wish.id,
    payload: { gridId: wish.gridId, claimantId: wish.claimantId! },
  });
  return payload(ctx, wish.id);
};

const cancelWish: PluginResolver = async (_parent, { input }, ctx) => {
  const i = input as Record<string, unknown>;
  const wish = await lockWish(ctx, String(i.id));
  ctx.street(wish.streetId);
  if (wish.status !== 'OPEN' && wish.status !== 'CLAIMED') illegal(wish, 'cancelled');
  if (!isStaff(ctx) && ctx.viewer.personId !== wish.posterId) {
    throw PluginInputError.single(
      ['input', 'id'],
      'Only its poster or staff may withdraw a wish.',
      'FORBIDDEN',
    );
  }
  await ctx.db.query(
    `UPDATE wish SET status = 'CANCELLED', cancelled_at = now(), version = version + 1 WHERE id = $1`,
    [wish.id],
  );
  await ctx.emit('micro_wish.cancelled', {
    streetId: wish.streetId,
    subjectId: wish.id,
    payload: { gridId: wish.gridId },
  });
  return payload(ctx, wish.id);
};

const wishStats: PluginResolver = async (_parent, args, ctx) => {
  const gridId = args.gridId ? ctx.ids.rowId(String(args.gridId), 'Grid', 'gridId') : null;
  const rows = await ctx.db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM wish WHERE ($1::bigint IS NULL OR grid_id = $1::bigint) GROUP BY status`,
    [gridId],
  );
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return {
    posted: rows.reduce((sum, r) => sum + r.n, 0),
    open: of('OPEN'),
    claimed: of('CLAIMED'),
    fulfilled: of('FULFILLED'),
    cancelled: of('CANCELLED'),
  };
};

export const resolvers = {
  Query: { wishStats },
  Mutation: { postWish, claimWish, fulfilWish, cancelWish },
};
