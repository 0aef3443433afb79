import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../context';
import { localizeErrors } from '../localize';
import { unknownOperation } from '../limits/plugin';
import type { PipelineOperation, RequestPipeline } from './hooks';

/**
 * Runs the request pipeline for every operation Apollo runs, and adds what its hooks report to
 * the response's `extensions`. Also hides field suggestions ("Did you mean …?") from callers that
 * did not sign in, so the schema cannot be guessed field by field.
 */
export function pipelinePlugin(pipeline: RequestPipeline): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let op: PipelineOperation | null = null;
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          // graphql-jit would run a lone operation whatever name was asked for: refuse here.
          if (!operation) throw unknownOperation(request.operationName);
          // HTTP answers once; live updates need a socket that stays open.
          if (operation.operation === 'subscription') {
            throw new GraphQLError(
              'Subscriptions are served over WebSocket: connect to /graphql with the graphql-ws protocol (graphql-transport-ws).',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
          const next: PipelineOperation = {
            via: 'http',
            context: contextValue,
            schema,
            document,
            operation,
            variables: request.variables ?? {},
          };
          await pipeline.willExecute(next);
          op = next;
        },
        async willSendResponse({ response, contextValue }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : null;
          if (single && contextValue.viewer.kind === 'anonymous' && single.errors) {
            single.errors = single.errors.map((e) =>
              e.message.includes('Did you mean')
                ? { ...e, message: e.message.replace(/ Did you mean .*\?$/, '') }
                : e,
            );
          }
          // In the caller's language, once the English is final (suggestions taken out above).
          if (single?.errors) single.errors = localizeErrors(single.errors, contextValue.locale);
          if (!op) return;
          const extensions = await pipeline.didExecute(op, { executed, data: single?.data });
          if (single && extensions) single.extensions = { ...single.extensions, ...extensions };
        },
      };
    },
  };
}
