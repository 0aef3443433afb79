import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import { mutate } from '../../graphql/relay/payload';
import { inTransaction, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { mayEndSessionsOf } from './account-rules';
import { authService, type Session } from './auth.service';
import { userSessionEnded, userSignedOutEverywhere } from './identity.events';
import {
  ChangePasswordInput,
  CompletePasswordResetInput,
  EndSessionInput,
  LoginInput,
  RefreshTokenInput,
  ResetPasswordInput,
} from './identity.input';
import {
  AuthPayload,
  EmptyPayload,
  EndSessionPayload,
  ResetPasswordPayload,
  User,
  UserSession,
} from './identity.type';
import { passwordService } from './password.service';
import { sessionService, type SessionRecord } from './session.service';
import { userService, type UserRecord } from './user.service';

/** A refused sign-in as HTTP 429 with Retry-After, like the cost limit's (graphql/limits). */
function tooManyLogins(error: PublicError): GraphQLError {
  const seconds = Number(error.details.retryAfterSeconds);
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}

async function authPayload(
  ctx: Context,
  session: Session | null,
): Promise<Omit<AuthPayload, 'userErrors'>> {
  const user = session && (await userService.get(ctx, session.userId));
  return {
    accessToken: session?.accessToken ?? null,
    accessTokenExpiresAt: session?.accessTokenExpiresAt ?? null,
    refreshToken: session?.refreshToken ?? null,
    refreshTokenExpiresAt: session?.refreshTokenExpiresAt ?? null,
    user: user ? User.from(user) : null,
  };
}

/** Signing in and out, passwords, and sign-ins (sessions): the caller's own credentials. */
@Resolver()
export class SignInResolver {
  @Mutation(() => AuthPayload, { description: 'Signs in with a username and password.' })
  async login(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'Username and password.' }) input: LoginInput,
  ): Promise<AuthPayload> {
    try {
      const session = await authService.login(ctx, input.username, input.password);
      return { ...(await authPayload(ctx, session)), userErrors: [] };
    } catch (error) {
      if (error instanceof PublicError && error.code === 'RATE_LIMITED') throw tooManyLogins(error);
      if (!(error instanceof InputError)) throw error;
      return { ...(await authPayload(ctx, null)), userErrors: error.problems };
    }
  }

  @Mutation(() => AuthPayload, {
    description: 'Swaps a refresh token for new tokens. Each refresh token works once.',
  })
  async refreshAccessToken(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The refresh token.' }) input: RefreshTokenInput,
  ): Promise<AuthPayload> {
    const result = await inTransaction(ctx, (tx) => authService.refresh(tx, input.refreshToken));
    if (result instanceof InputError)
      return { ...(await authPayload(ctx, null)), userErrors: result.problems };
    return { ...(await authPayload(ctx, result)), userErrors: [] };
  }

  @Mutation(() => EmptyPayload, {
    description:
      'Signs out: the refresh token, and every token refreshed from the same sign-in, stop working.',
  })
  logout(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The refresh token of the sign-in to end.' })
    input: RefreshTokenInput,
  ): Promise<EmptyPayload> {
    return mutate(
      ctx,
      (tx) => authService.logout(tx, input.refreshToken),
      () => ({}),
    );
  }

  @Mutation(() => EmptyPayload, {
    description: 'Signs you out everywhere: all your tokens stop working at once.',
  })
  signOutEverywhere(@Ctx() ctx: Context): Promise<EmptyPayload> {
    return mutate(
      ctx,
      async (tx) => {
        if (ctx.viewer.kind !== 'user')
          throw InputError.single([], 'Only signed-in users have sessions to end.', 'INVALID');
        const user = (await userService.get(tx, ctx.viewer.id!))!;
        await authService.revokeAllSessions(tx, user.id, 'SIGNED_OUT_EVERYWHERE');
        await recordEvent(tx, userSignedOutEverywhere, {
          streetId: user.streetId,
          subjectId: user.id,
          payload: {},
        });
      },
      () => ({}),
    );
  }

  @Mutation(() => AuthPayload, {
    description:
      'Changes your password, given the current one. Your other sign-ins end; this one goes on with the new tokens in the payload.',
  })
  async changePassword(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The current and the new password.' }) input: ChangePasswordInput,
  ): Promise<AuthPayload> {
    try {
      const { user, session } = await passwordService.changePassword(
        ctx,
        input.currentPassword,
        input.newPassword,
      );
      const payload = { ...(await authPayload(ctx, session)), user: User.from(user) };
      return { ...payload, userErrors: [] };
    } catch (error) {
      if (error instanceof PublicError && error.code === 'RATE_LIMITED') throw tooManyLogins(error);
      if (!(error instanceof InputError)) throw error;
      return { ...(await authPayload(ctx, null)), userErrors: error.problems };
    }
  }

  @Mutation(() => ResetPasswordPayload, {
    description:
      'Issues a one-time password reset token for an account you administer; the payload shows it this once.',
  })
  resetPassword(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The account.' }) input: ResetPasswordInput,
  ): Promise<ResetPasswordPayload> {
    return mutate(
      ctx,
      (tx) => passwordService.resetPassword(tx, inputId(input.id, 'User', ['input', 'id'])),
      (r: { user: UserRecord; token: string; expiresAt: Date } | null) => ({
        user: r && User.from(r.user),
        resetToken: r?.token ?? null,
        resetTokenExpiresAt: r?.expiresAt ?? null,
      }),
    );
  }

  @Mutation(() => EmptyPayload, {
    description:
      'Sets a new password with a reset token from an administrator (no sign-in needed). The token works once; every sign-in of the account ends.',
  })
  async completePasswordReset(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The token and the new password.' })
    input: CompletePasswordResetInput,
  ): Promise<EmptyPayload> {
    try {
      await passwordService.completePasswordReset(ctx, input.token, input.newPassword);
      return { userErrors: [] };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { userErrors: error.problems };
    }
  }

  @Mutation(() => EndSessionPayload, {
    description:
      'Ends one sign-in: your own, or one of an account you administer. Its tokens stop working.',
  })
  endSession(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The sign-in.' }) input: EndSessionInput,
  ): Promise<EndSessionPayload> {
    return mutate(
      ctx,
      async (tx) => {
        const id = inputId(input.id, 'UserSession', ['input', 'id']);
        const [session] = await sessionService.byIds(tx, [id]);
        const user = session && (await userService.get(tx, session.userId));
        if (!session || !user || !mayEndSessionsOf(ctx.viewer, user)) {
          throw InputError.single(
            ['input', 'id'],
            'No sign-in you may end has this ID.',
            'NOT_FOUND',
          );
        }
        if (session.endedAt)
          throw InputError.single(
            ['input', 'id'],
            'This sign-in has already ended.',
            'ILLEGAL_TRANSITION',
          );
        await sessionService.end(tx, user.id, session.familyId, 'ENDED');
        await recordEvent(tx, userSessionEnded, {
          streetId: user.streetId,
          subjectId: user.id,
          payload: { sessionId: session.familyId },
        });
        return (await sessionService.byIds(tx, [id]))[0]!;
      },
      (r: SessionRecord | null) => ({ session: r && UserSession.from(r, ctx.viewer.sessionId) }),
    );
  }
}
