import { Field, ID, InterfaceType } from 'type-graphql';
import type { Context } from '../../domain/shared/context';

@InterfaceType('Node', {
  description: 'An object with a globally unique ID (Relay global object identification).',
})
export abstract class Node {
  @Field(() => ID, {
    description: 'Globally unique, opaque ID; pass it to `node(id:)` to fetch the object again.',
  })
  id!: string;
}

/** How `node(id:)` fetches objects of one type, by row ids, in one batch. */
export interface NodeFetcher {
  typeName: string;
  /** Returns the objects visible to the caller, in the order of `ids`; null where not found. */
  fetch(ctx: Context, ids: readonly string[]): Promise<(Node | null)[]>;
}
