// Ending the client's streaming calls cleanly, so neither a half-read stream nor a live
// subscription keeps the client (and the process) waiting.
import type { AllStreamSubscription, StreamingRead } from '@eventstore/db-client';

/**
 * Iterates a read to its end even when the caller stops early: the call is cancelled
 * and what the server already sent is drained. A read left half-consumed never ends,
 * and the client's dispose() would wait for it forever.
 */
export async function* cleanly<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  const iterator = read[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      const next = await iterator.next().catch((err: unknown) => {
        ended = true;
        throw err;
      });
      if (next.done) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!ended) {
      await read.cancel().catch(() => {}); // the call is over either way
      try {
        while (!(await iterator.next()).done);
      } catch {
        // the cancelled call may end with an error; nobody is waiting for it
      }
    }
  }
}

/** Ends a live subscription: cancel the call on the server, then release the local stream. */
export async function stopSubscription(source: AllStreamSubscription): Promise<void> {
  await source.unsubscribe().catch(() => {});
  source.destroy();
}
