// Given events / when command / then events or a refusal (after emmett's DeciderSpecification).
import type { Test } from 'tap';
import type { Command, Decider, DomainEvent } from '../../src/domain/decider.js';
import { PartnershipLogError, type ErrorCode } from '../../src/errors.js';

export interface DeciderSpecification<Cmd extends Command, Event extends DomainEvent> {
  given(events: readonly Event[]): {
    when(command: Cmd): {
      then(t: Test, expected: readonly Event[], message?: string): void;
      thenRefuses(t: Test, code: ErrorCode, message?: string): void;
    };
  };
}

export function specify<State, Cmd extends Command, Event extends DomainEvent>(
  decider: Decider<State, Cmd, Event>,
): DeciderSpecification<Cmd, Event> {
  return {
    given(events) {
      let state = decider.initialState();
      for (const event of events) state = decider.evolve(state, event);
      return {
        when(command) {
          return {
            then(t, expected, message = 'records the expected events') {
              t.same(decider.decide(command, state), expected, message);
            },
            thenRefuses(t, code, message = `refuses with ${code}`) {
              try {
                const events = decider.decide(command, state);
                t.fail(`${message}: it recorded ${events.map((e) => e.type).join(', ') || 'nothing'} instead`);
              } catch (err) {
                t.ok(err instanceof PartnershipLogError, 'the refusal is a PartnershipLogError');
                t.equal(err instanceof PartnershipLogError ? err.code : String(err), code, message);
              }
            },
          };
        },
      };
    },
  };
}
