import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../domain/shared/context';
import { PublicError } from '../../domain/shared/errors';
import { fromGlobalId } from './global-id';
import { Node, type NodeFetcher } from './node';

const MAX_NODES = 100;

/** `node(id:)` and `nodes(ids:)` over every node type the modules register. */
export function nodeResolver(fetchers: readonly NodeFetcher[]) {
  const byType = new Map(fetchers.map((f) => [f.typeName, f]));

  async function fetchAll(ctx: Context, globalIds: readonly string[]): Promise<(Node | null)[]> {
    const decoded = globalIds.map((gid) => {
      const d = fromGlobalId(gid);
      if (!d) throw new PublicError('BAD_USER_INPUT', `"${gid}" is not a valid ID.`, { id: gid });
      return d;
    });
    const results: (Node | null)[] = new Array(globalIds.length).fill(null);
    const groups = new Map<string, number[]>();
    decoded.forEach((d, i) => {
      if (!byType.has(d.typeName)) return; // a well-formed ID of no known type: not found
      groups.set(d.typeName, [...(groups.get(d.typeName) ?? []), i]);
    });
    await Promise.all(
      [...groups].map(async ([typeName, positions]) => {
        const found = await byType.get(typeName)!.fetch(
          ctx,
          positions.map((i) => decoded[i]!.id),
        );
        positions.forEach((pos, k) => (results[pos] = found[k] ?? null));
      }),
    );
    return results;
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, {
      nullable: true,
      description:
        'Fetches any object by its global ID; null if it does not exist or is not visible to you.',
    })
    async node(
      @Ctx() ctx: Context,
      @Arg('id', () => ID, { description: 'A global ID.' }) id: string,
    ): Promise<Node | null> {
      return (await fetchAll(ctx, [id]))[0] ?? null;
    }

    @Query(() => [Node], {
      nullable: 'items',
      description: `Fetches up to ${MAX_NODES} objects by global ID, in the same order; null where one does not exist or is not visible to you.`,
    })
    async nodes(
      @Ctx() ctx: Context,
      @Arg('ids', () => [ID], { description: 'Global IDs.' }) ids: string[],
    ): Promise<(Node | null)[]> {
      if (ids.length > MAX_NODES) {
        throw new PublicError(
          'BAD_USER_INPUT',
          `"ids" takes at most ${MAX_NODES} IDs; got ${ids.length}.`,
        );
      }
      return fetchAll(ctx, ids);
    }
  }
  return NodeResolver;
}
