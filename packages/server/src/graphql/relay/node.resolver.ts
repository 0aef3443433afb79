import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../domain/shared/context';
import { PublicError } from '../../domain/shared/errors';
import { isRowId } from '../../domain/shared/row-id';
import { fromGlobalId } from './global-id';
import { Node, type NodeFetcher } from './node';

const MAX_NODES = 100;

/** `node(id:)` and `nodes(ids:)` over every node type the modules register. */
export function nodeResolver(fetchers: readonly NodeFetcher[]) {
  const byType = new Map(fetchers.map((f) => [f.typeName, f]));

  /**
   * The objects behind `globalIds`, in order: null where there is none (or none visible), and
   * the error in place of an ID that is not one, so that one bad ID in `nodes(ids:)` costs only
   * its own entry (Relay: null there, with an error at its path).
   */
  async function fetchAll(
    ctx: Context,
    globalIds: readonly string[],
  ): Promise<(Node | PublicError | null)[]> {
    const results: (Node | PublicError | null)[] = new Array(globalIds.length).fill(null);
    const groups = new Map<string, { positions: number[]; ids: string[] }>();
    globalIds.forEach((gid, i) => {
      const d = fromGlobalId(gid);
      if (!d) {
        results[i] = new PublicError('BAD_USER_INPUT', `"${gid}" is not a valid ID.`, { id: gid });
        return;
      }
      // A well-formed ID of no known type, or of a row id no row can have: not found.
      if (!byType.has(d.typeName) || !isRowId(d.id)) return;
      const group = groups.get(d.typeName) ?? { positions: [], ids: [] };
      group.positions.push(i);
      group.ids.push(d.id);
      groups.set(d.typeName, group);
    });
    await Promise.all(
      [...groups].map(async ([typeName, { positions, ids }]) => {
        const found = await byType.get(typeName)!.fetch(ctx, ids);
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
      const [found] = await fetchAll(ctx, [id]);
      if (found instanceof PublicError) throw found;
      return found ?? null;
    }

    @Query(() => [Node], {
      nullable: 'items',
      description: `Fetches up to ${MAX_NODES} objects by global ID, in the same order; null where one does not exist or is not visible to you.`,
    })
    async nodes(
      @Ctx() ctx: Context,
      @Arg('ids', () => [ID], { description: 'Global IDs.' }) ids: string[],
    ): Promise<(Node | PublicError | null)[]> {
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
