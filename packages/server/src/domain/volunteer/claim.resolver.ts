import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { claimById, servicePostClaimService, type ServicePostClaimRecord } from './claim.service';
import { ClaimServicePostInput, ReleaseServicePostClaimInput } from './post.input';
import { servicePostService } from './post.service';
import { ServicePost, ServicePostClaim, ServicePostClaimPayload } from './post.type';
import { volunteerService } from './volunteer.service';
import { Volunteer } from './volunteer.type';

const toClaimPayload = (
  r: ServicePostClaimRecord | null,
): Omit<ServicePostClaimPayload, 'userErrors'> => ({
  claim: r && ServicePostClaim.from(r),
});

@Resolver(() => ServicePost)
export class ServicePostClaimsResolver {
  @FieldResolver(() => [ServicePostClaim], {
    description:
      'The active claims: who holds the post now, longest-serving first (those you may see).',
  })
  async claims(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<ServicePostClaim[]> {
    return (await servicePostClaimService.claimsOf(ctx, post.record.id)).map(ServicePostClaim.from);
  }

  @FieldResolver(() => Int, {
    description: 'How many volunteers hold the post now (all of them, seen or not).',
  })
  async claimCount(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<number> {
    return servicePostClaimService.countOf(ctx, post.record.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'How many more volunteers may claim the post; null when it has no limit.',
  })
  async openPlaces(@Ctx() ctx: Context, @Root() post: ServicePost): Promise<number | null> {
    if (post.capacity === null) return null;
    return Math.max(
      0,
      post.capacity - (await servicePostClaimService.countOf(ctx, post.record.id)),
    );
  }

  @Mutation(() => ServicePostClaimPayload, {
    description:
      'A volunteer takes up a service post (认岗), within its capacity; a volunteer holds a post once.',
  })
  claimServicePost(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The post, the volunteer and the first day.' })
    input: ClaimServicePostInput,
  ): Promise<ServicePostClaimPayload> {
    return mutate(
      ctx,
      (tx) =>
        servicePostClaimService.claim(tx, {
          postId: inputId(input.postId, 'ServicePost', ['input', 'postId']),
          volunteerId: inputId(input.volunteerId, 'Volunteer', ['input', 'volunteerId']),
          claimedOn: input.claimedOn,
        }),
      toClaimPayload,
    );
  }

  @Mutation(() => ServicePostClaimPayload, {
    description: 'Releases a claim: the volunteer leaves the post and the place opens.',
  })
  releaseServicePostClaim(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The claim and the last day.' })
    input: ReleaseServicePostClaimInput,
  ): Promise<ServicePostClaimPayload> {
    return mutate(
      ctx,
      (tx) =>
        servicePostClaimService.release(
          tx,
          inputId(input.claimId, 'ServicePostClaim', ['input', 'claimId']),
          input.releasedOn,
        ),
      toClaimPayload,
    );
  }
}

@Resolver(() => ServicePostClaim)
export class ServicePostClaimResolver {
  @FieldResolver(() => ServicePost, {
    nullable: true,
    description: 'The post claimed; null when you may not see it.',
  })
  async post(@Ctx() ctx: Context, @Root() claim: ServicePostClaim): Promise<ServicePost | null> {
    const found = await servicePostService.get(ctx, claim.record.postId);
    return found && ServicePost.from(found);
  }

  @FieldResolver(() => Volunteer, {
    nullable: true,
    description: 'The volunteer holding the post; null when you may not see it.',
  })
  async volunteer(@Ctx() ctx: Context, @Root() claim: ServicePostClaim): Promise<Volunteer | null> {
    const found = await volunteerService.get(ctx, claim.record.volunteerId);
    return found && Volunteer.from(found);
  }
}

@Resolver(() => Volunteer)
export class VolunteerPostsResolver {
  @FieldResolver(() => [ServicePostClaim], {
    description: 'The service posts the volunteer holds now (active claims), oldest first.',
  })
  async postClaims(@Ctx() ctx: Context, @Root() volunteer: Volunteer): Promise<ServicePostClaim[]> {
    return (await servicePostClaimService.claimsOfVolunteer(ctx, volunteer.record.id)).map(
      ServicePostClaim.from,
    );
  }
}

export const servicePostClaimNode: NodeFetcher = {
  typeName: 'ServicePostClaim',
  fetch: async (ctx, ids) =>
    (await loader(ctx, claimById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? ServicePostClaim.from(r) : null,
    ),
};
