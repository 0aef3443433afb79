import type { IncomingMessage } from 'node:http';
import { isObjectType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { InputProblem } from '../domain/shared/errors';
import { negotiateLocale, translate, type Locale } from '../i18n';

/**
 * Where the API speaks the caller's language: services write English messages, and these
 * translate them at the edge, as errors are formatted and user errors resolved (src/i18n).
 * Codes, fields and paths never change.
 */

/** The language of an HTTP request (its `Accept-Language`). */
export const localeOf = (req: IncomingMessage): Locale =>
  negotiateLocale(req.headers['accept-language']);

/** Formatted errors in `locale` (the same array when nothing changes). */
export function localizeErrors<E extends GraphQLFormattedError>(
  errors: readonly E[],
  locale: Locale | undefined,
): readonly E[] {
  if (locale !== 'zh') return errors;
  return errors.map((e) => ({ ...e, message: translate(e.message, locale) }));
}

/** A user error's message in `locale`: the catalogue's, else the one the problem brought. */
export function userErrorMessage(problem: InputProblem, locale: Locale | undefined): string {
  if (locale !== 'zh') return problem.message;
  const translated = translate(problem.message, locale);
  return translated === problem.message && problem.localized?.zh
    ? problem.localized.zh
    : translated;
}

/**
 * `UserError.message` answers in the request's language, whoever made the user error (the
 * core's mutations, sign-in, plugins).
 */
export function localizeUserErrors(schema: GraphQLSchema): void {
  const type = schema.getType('UserError');
  if (!isObjectType(type)) throw new Error('The schema has no UserError type to localize');
  type.getFields().message!.resolve = (
    source: InputProblem,
    _args: unknown,
    ctx: { locale?: Locale },
  ) => userErrorMessage(source, ctx?.locale);
}
