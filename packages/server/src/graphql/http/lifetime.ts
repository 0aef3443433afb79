import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import { requestCancelled, requestTimedOut } from '../../domain/shared/errors';
import { sendError, type Admission } from '../limits/admission';

/**
 * The reason work is aborted once its answer is out: made once, as building an error (its stack)
 * on every request cost a few percent of a small query's CPU.
 */
const ANSWERED = requestCancelled();

/** An admitted request's work: aborted when its client goes away or its time is up. */
export interface Lifetime {
  readonly signal: AbortSignal;
  /** The work is over: the turn passes on. */
  end(): void;
}

/**
 * Takes a turn for an HTTP request whose body is in, and bounds its work: if the client closes
 * the connection, or the request runs past `timeoutMs`, the signal aborts and the request's
 * statements are cancelled (db/session.ts). The turn is held until `end`, so a request whose
 * client left keeps its turn until its work has really stopped. Answers the refusal itself (with
 * `refuse`, in the transport's own format) and resolves null when no turn is to be had.
 */
export async function admitRequest(
  admission: Admission,
  res: ServerResponse,
  timeoutMs: number,
  refuse: (res: ServerResponse, error: GraphQLError) => void = sendError,
): Promise<Lifetime | null> {
  // One controller for both ends of the work (AbortSignal.any is slow on Node 20's hot path).
  const work = new AbortController();
  if (res.destroyed) return null; // the client left before its turn was asked for
  const onClose = () => {
    if (!res.writableFinished) work.abort(requestCancelled());
  };
  res.on('close', onClose);
  let release: () => void;
  try {
    release = await admission.acquire(work.signal);
  } catch (error) {
    res.off('close', onClose);
    if (!work.signal.aborted) refuse(res, error as GraphQLError);
    return null;
  }
  const timer = setTimeout(() => work.abort(requestTimedOut(timeoutMs)), timeoutMs);
  return {
    signal: work.signal,
    end() {
      clearTimeout(timer);
      res.off('close', onClose);
      // Resolvers still running once the answer is out (a failed non-null field ends
      // execution early) may start no more statements.
      work.abort(ANSWERED);
      release();
    },
  };
}
