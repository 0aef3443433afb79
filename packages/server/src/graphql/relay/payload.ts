import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { inTransaction, type Context } from '../../domain/shared/context';
import { InputError, type UserErrorCode } from '../../domain/shared/errors';

const userErrorCodes: Record<UserErrorCode, UserErrorCode> = {
  INVALID: 'INVALID',
  REQUIRED: 'REQUIRED',
  TOO_LONG: 'TOO_LONG',
  NOT_FOUND: 'NOT_FOUND',
  TAKEN: 'TAKEN',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
};

registerEnumType(userErrorCodes, {
  name: 'UserErrorCode',
  description: 'Why a mutation rejected part of its input.',
  valuesConfig: {
    INVALID: { description: 'The value has the wrong form or is out of range.' },
    REQUIRED: { description: 'A value is required here.' },
    TOO_LONG: { description: 'The value is longer than allowed.' },
    NOT_FOUND: {
      description: 'The value refers to something that does not exist or is not visible to you.',
    },
    TAKEN: { description: 'The value must be unique and is already used.' },
    CONFLICT: { description: 'The change conflicts with the current state of the data.' },
    FORBIDDEN: { description: 'You may not make this change.' },
    ILLEGAL_TRANSITION: {
      description: 'The object is in a state that does not allow this action.',
    },
    WEAK_PASSWORD: {
      description: 'The password breaks the password policy; the message names the rule.',
    },
  },
});

@ObjectType({
  description: 'A problem with a mutation input. Nothing was written when a payload has any.',
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field at fault, from the mutation arguments, e.g. ["input", "code"].',
  })
  field!: string[] | null;

  @Field({ description: 'What is wrong, for the person who entered it.' })
  message!: string;

  @Field(() => userErrorCodes, { description: 'Stable machine-readable reason.' })
  code!: UserErrorCode;
}

export interface Payload {
  userErrors: UserError[];
}

/**
 * Runs a mutation in one transaction. Expected failures (an `InputError`) roll it back and come
 * back as `userErrors`; the result is otherwise shaped by `toPayload`.
 */
export async function mutate<R, P extends Payload>(
  ctx: Context,
  run: (tx: Context) => Promise<R>,
  toPayload: (result: R | null) => Omit<P, 'userErrors'>,
): Promise<P> {
  try {
    const result = await inTransaction(ctx, run);
    return { ...toPayload(result), userErrors: [] } as unknown as P;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ...toPayload(null), userErrors: error.problems } as unknown as P;
  }
}
