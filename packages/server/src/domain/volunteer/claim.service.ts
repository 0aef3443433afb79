import { IsNull } from 'typeorm';
import { loader, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, type TableSpec } from '../shared/table';
import { loadForUpdate, loadReference } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { countsByKey, dateArg, requireActive, rowsByKey, today } from './common';
import { ServicePostClaimEntity, ServicePostEntity } from './post.entity';
import { activeClaimCount, postTable } from './post.service';
import { VolunteerEntity } from './volunteer.entity';
import { volunteerTable } from './volunteer.service';
import { servicePostClaimReleased, servicePostClaimed } from './post.events';

export type ServicePostClaimRecord = ServicePostClaimEntity;

export const claimTable: TableSpec<ServicePostClaimRecord> = {
  // With the volunteer's person, so the volunteer read rule (volunteers see themselves) applies.
  from: `(SELECT c.*, v.person_id FROM service_post_claim c JOIN volunteer v ON v.id = c.volunteer_id) c`,
  alias: 'c',
  area: 'volunteer',
  columns: entityColumns(ServicePostClaimEntity, 'c'),
  orders: {},
};

export const claimById = byIdLoader(claimTable);

async function reread(ctx: Context, id: string): Promise<ServicePostClaimRecord> {
  return (await loader({ ...ctx, loaders: new Map() }, claimById).load(id))!;
}

/**
 * Claims of service posts (认岗): a volunteer holds a post from the day claimed until released.
 * A post takes at most `capacity` holders at once, checked under a lock on the post.
 */
export const servicePostClaimService = {
  get(ctx: Context, id: string): Promise<ServicePostClaimRecord | null> {
    return loader(ctx, claimById).load(id);
  },

  /** Active claims on a post, oldest first. */
  claimsOf(ctx: Context, postId: string): Promise<ServicePostClaimRecord[]> {
    return rowsByKey(ctx, 'volunteer:claims-of-post', claimTable, 'c.post_id', {
      where: ['c.released_on IS NULL'],
      orderBy: 'c.claimed_on, c.id',
    }).load(postId);
  },

  /**
   * How many volunteers hold a post now, counted whoever may see them: the number is public
   * wherever the post is, the holders only to those who may see volunteers.
   */
  countOf(ctx: Context, postId: string): Promise<number> {
    return countsByKey(
      ctx,
      'volunteer:claim-counts',
      { table: 'service_post_claim c', alias: 'c' },
      'c.post_id',
      ['c.released_on IS NULL'],
    ).load(postId);
  },

  /** A volunteer's active claims, oldest first. */
  claimsOfVolunteer(ctx: Context, volunteerId: string): Promise<ServicePostClaimRecord[]> {
    return rowsByKey(ctx, 'volunteer:claims-of-volunteer', claimTable, 'c.volunteer_id', {
      where: ['c.released_on IS NULL'],
      orderBy: 'c.claimed_on, c.id',
    }).load(volunteerId);
  },

  async claim(
    ctx: Context,
    input: { postId: string; volunteerId: string; claimedOn?: string | null },
  ): Promise<ServicePostClaimRecord> {
    // The row lock on the post makes concurrent claims of one post wait for each other, so the
    // count below sees every claim committed before this one and capacity cannot be exceeded.
    const post = await loadForUpdate(
      ctx,
      ServicePostEntity,
      input.postId,
      ['input', 'postId'],
      'service post',
      'claim service posts',
      'volunteer',
      postTable,
    );
    requireActive(post, ['input', 'postId'], 'service post');
    const volunteer = await loadReference(
      ctx,
      VolunteerEntity,
      input.volunteerId,
      post.streetId,
      ['input', 'volunteerId'],
      'volunteer',
      volunteerTable,
    );
    requireActive(volunteer, ['input', 'volunteerId'], 'volunteer');
    const claimedOn = dateArg(input.claimedOn, ['input', 'claimedOn']) ?? today();
    const repo = repository(ctx, ServicePostClaimEntity);
    const held = await repo.findOne({
      where: { postId: post.id, volunteerId: volunteer.id, releasedOn: IsNull() },
    });
    if (held) {
      throw InputError.single(
        ['input', 'volunteerId'],
        `This volunteer has held this post since ${held.claimedOn}.`,
        'CONFLICT',
      );
    }
    if (post.capacity !== null && (await activeClaimCount(ctx, post.id)) >= post.capacity) {
      throw InputError.single(
        ['input', 'postId'],
        `This post is full: all ${post.capacity} place(s) are claimed.`,
        'CONFLICT',
      );
    }
    const saved = await repo.save(
      Object.assign(new ServicePostClaimEntity(), {
        streetId: post.streetId,
        postId: post.id,
        volunteerId: volunteer.id,
        claimedOn,
        releasedOn: null,
      }),
    );
    await recordEvent(ctx, servicePostClaimed, {
      streetId: post.streetId,
      subjectId: post.id,
      payload: { claimId: saved.id, volunteerId: volunteer.id, claimedOn },
    });
    return reread(ctx, saved.id);
  },

  async release(
    ctx: Context,
    id: string,
    releasedOn?: string | null,
  ): Promise<ServicePostClaimRecord> {
    const claim = await loadForUpdate(
      ctx,
      ServicePostClaimEntity,
      id,
      ['input', 'claimId'],
      'service post claim',
      'release service post claims',
      'volunteer',
      claimTable,
    );
    if (claim.releasedOn) {
      throw InputError.single(
        ['input', 'claimId'],
        `This claim was already released on ${claim.releasedOn}.`,
        'ILLEGAL_TRANSITION',
      );
    }
    const end = dateArg(releasedOn, ['input', 'releasedOn']) ?? today();
    if (end < claim.claimedOn) {
      throw InputError.single(
        ['input', 'releasedOn'],
        `The post was claimed on ${claim.claimedOn}.`,
        'INVALID',
      );
    }
    claim.releasedOn = end;
    await repository(ctx, ServicePostClaimEntity).save(claim);
    await recordEvent(ctx, servicePostClaimReleased, {
      streetId: claim.streetId,
      subjectId: claim.postId,
      payload: { claimId: claim.id, volunteerId: claim.volunteerId, releasedOn: end },
    });
    return reread(ctx, claim.id);
  },
};
