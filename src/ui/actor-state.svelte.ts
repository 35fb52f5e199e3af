/**
 * A tiny rune wrapper around an XState actor: the snapshot lives in $state.raw (never $state, which would
 * deep-proxy the whole machine), replaced on every transition.
 */
import type { AnyActorRef, SnapshotFrom } from 'xstate';

export function actorState<T extends AnyActorRef>(actor: T): { readonly snapshot: SnapshotFrom<T> } {
  let snapshot = $state.raw(actor.getSnapshot() as SnapshotFrom<T>);
  actor.subscribe((next: SnapshotFrom<T>) => {
    snapshot = next;
  });
  return {
    get snapshot() {
      return snapshot;
    },
  };
}
