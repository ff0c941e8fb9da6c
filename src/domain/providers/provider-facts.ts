// The provider register: the organisations the council commissions support from. A
// contract's provider, an ISF's holder, a move's new provider and a person's supporters
// name one of them, so "who supports whom" is never a typo of a name nobody registered.
import { z } from 'zod';
import { isoDateTime, shortText } from '../shared/vocabulary.js';

/** The name the register holds: not a reference to an organisation (what the rules of who may name whom check) but the one it is defined by. */
export const providerRegistration = z.object({ name: shortText.describe('the organisation’s name, as contracts and the register will name it, e.g. Hillside Support') });

export const providerEventBase = { at: isoDateTime };
