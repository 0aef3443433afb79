import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { ApiContext } from '../context';

/** Which way an operation came in: Apollo over HTTP, the direct lane, or a WebSocket. */
export type Via = 'http' | 'lane' | 'ws';

/** One GraphQL operation, parsed and validated, about to run. Hooks may key their state on it. */
export interface PipelineOperation {
  readonly via: Via;
  readonly context: ApiContext;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** As the caller sent them (not yet coerced). */
  readonly variables: Record<string, unknown>;
}

/** How an operation that passed `willExecute` ended. */
export interface Outcome {
  /**
   * Whether it executed. False when it stopped before (no turn, its client left) or the lane
   * handed it on to Apollo, which then runs it through the hooks again.
   */
  readonly executed: boolean;
  /**
   * The result's data, when it has any: root fields a direct read answered are `RawJsonValue`s
   * (pipeline/raw-json.ts), never placeholders.
   */
  readonly data?: Record<string, unknown> | null;
}

/**
 * A step every operation passes, whatever its transport. Hooks run in the order they were
 * added; a later hook (one a plugin adds) sees what the earlier ones let through.
 */
export interface RequestHook {
  readonly name: string;
  /** Before the operation executes; throwing (a GraphQLError) refuses it. */
  willExecute?(op: PipelineOperation): void | Promise<void>;
  /**
   * Once for every operation whose `willExecute` passed. Answers fields to add to the result's
   * `extensions`, if any.
   */
  didExecute?(
    op: PipelineOperation,
    outcome: Outcome,
  ): Record<string, unknown> | void | Promise<Record<string, unknown> | void>;
}

/**
 * The one list of request hooks that HTTP (through Apollo), the direct lane and WebSocket
 * operations all run: cost and rate limits first, then whatever is added.
 */
export class RequestPipeline {
  private readonly hooks: RequestHook[] = [];

  constructor(hooks: readonly RequestHook[] = []) {
    for (const hook of hooks) this.add(hook);
  }

  add(hook: RequestHook): void {
    if (this.hooks.some((h) => h.name === hook.name))
      throw new Error(`A request hook named "${hook.name}" is already in the pipeline`);
    this.hooks.push(hook);
  }

  get names(): readonly string[] {
    return this.hooks.map((h) => h.name);
  }

  /**
   * Runs every hook's `willExecute` in order. When one refuses, the hooks before it are told the
   * operation did not execute, and the refusal is thrown.
   */
  async willExecute(op: PipelineOperation): Promise<void> {
    for (let i = 0; i < this.hooks.length; i++) {
      try {
        await this.hooks[i]!.willExecute?.(op);
      } catch (error) {
        for (let j = i - 1; j >= 0; j--) await this.hooks[j]!.didExecute?.(op, { executed: false });
        throw error;
      }
    }
  }

  /** Runs every hook's `didExecute`; answers the extensions they add (undefined for none). */
  async didExecute(
    op: PipelineOperation,
    outcome: Outcome,
  ): Promise<Record<string, unknown> | undefined> {
    let extensions: Record<string, unknown> | undefined;
    for (const hook of this.hooks) {
      const added = await hook.didExecute?.(op, outcome);
      if (added) extensions = { ...extensions, ...added };
    }
    return extensions;
  }
}
