// What a command table entry says about one command, and the one function that makes an
// entry from it. The entry is the only description of a command: its route, its schemas,
// the ids it mints, who may send it, its summary, the context it loads and its form. The
// routes (src/http/command-routes.ts), the permissions, the API document and the README's
// role table are all read from the entries.
import type { z } from 'zod';
import type { CommandContext, CommandHandler, CommandResult } from '../application/command-handler.js';
import type { Actor, UserRole } from '../domain/actor.js';
import type { Command, Decider, DomainEvent } from '../domain/decider.js';
import type { Erasures } from '../privacy/erasures.js';
import type { PersonKeys } from '../privacy/person-keys.js';
import type { KeyedQueue } from '../shared/keyed-queue.js';
import type { CommandForm, FieldPath } from './command-form.js';

/** What the context loaders and hooks may use; the app provides it once. */
export interface CommandDependencies {
  handler: CommandHandler;
  keys: PersonKeys;
  erasures: Erasures;
  /** Whom a provider may name (the people it supports), read once the register is up to date; none for other roles. */
  supportedPeople: (actor: Actor) => Promise<readonly string[]>;
  /** One registration of a person at a time, so a refused one may remove the key it made. */
  registrations: KeyedQueue;
}

/** A request as the route hands it over: params and body validated by fastify, not yet typed. */
export interface CommandRequest {
  params: unknown;
  body: unknown;
  actor: Actor;
  now: string;
  /** A new id that is the same when the command is retried with the same Idempotency-Key. */
  newId: (label: string) => string;
}

/** What a context loader, toCommand and the hooks see: the request typed by the entry's schemas. */
export interface CommandInput<Type extends string, Params, Body, Minted extends string> {
  params: Params;
  body: Body;
  actor: Actor;
  now: string;
  /** The ids this command mints, by the key they take in the command data and in the answer. */
  ids: Record<Minted, string>;
  /** The start of the command: spread it into what toCommand returns. */
  base: { type: Type; actor: Actor; now: string };
}

/** An answer other than the usual 201: status, body and the revision the ETag carries. */
export interface CommandOutcome {
  status: number;
  revision: number;
  body: Record<string, unknown>;
}

export interface CommandSpec<
  Cmd extends Command,
  Params extends z.ZodType,
  Body extends z.ZodType,
  Context,
  Minted extends string,
  State,
> {
  method?: 'POST' | 'DELETE';
  path: string;
  params: Params;
  body: Body;
  /** Ids made for the command: the key they take in the data and the answer → the label that seeds them (kept, so retries get the same ids). */
  mints?: Record<Minted, string>;
  roles: readonly UserRole[];
  summary: string;
  /** Replaces "Records <Command>." in the API document, for a command whose answer is not the usual 201. */
  description?: string;
  stream: (input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>) => string;
  /** What the command needs from elsewhere (another stream, the register, a key); runs inside `around`. */
  context: (input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>, deps: CommandDependencies) => Promise<Context>;
  toCommand: (input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>, context: Context) => Cmd;
  /** Ids the caller needs back besides the minted ones (e.g. the decision the path names). */
  answer?: (input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>) => Record<string, string>;
  /** Wraps loading the context and handling the command: e.g. to undo what the context made when the command is refused. */
  around?: (
    input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>,
    run: () => Promise<CommandResult<State>>,
    deps: CommandDependencies,
  ) => Promise<CommandResult<State>>;
  /** For a command whose answer is not the usual 201 with its ids: runs the command and says what to answer. */
  respond?: {
    status: number;
    schema: z.ZodType;
    run: (
      input: CommandInput<Cmd['type'], z.output<Params>, z.output<Body>, Minted>,
      run: () => Promise<CommandResult<State>>,
      deps: CommandDependencies,
    ) => Promise<CommandOutcome>;
  };
  /** Every command has a form in the pages. Its fields are named by the body's paths and the path's parameters, so a renamed field is a type error. */
  form: CommandForm<FieldPath<z.input<Body>> | (keyof z.output<Params> & string)>;
}

/** An entry with its own types sealed inside `execute`: what the route loop, the permissions and the documents read. */
export interface CommandEntry<Cmd extends Command = Command> {
  type: Cmd['type'];
  method: 'POST' | 'DELETE';
  path: string;
  tags: readonly string[];
  params: z.ZodType;
  body: z.ZodType;
  /** Answer keys of the ids the command mints. */
  minted: readonly string[];
  roles: readonly UserRole[];
  summary: string;
  description: string | undefined;
  /** Set when the answer is not the usual 201 (see CommandSpec.respond). */
  response: { status: number; schema: z.ZodType } | undefined;
  form: CommandForm;
  /** Types the request with the entry's schemas, loads the context, handles the command and says what to answer. */
  execute: (request: CommandRequest, deps: CommandDependencies, context: CommandContext) => Promise<CommandOutcome>;
}

/** Every command of an aggregate, each under its own type, each building exactly that command. */
export type CommandTable<Cmd extends Command> = { readonly [Type in Cmd['type']]: CommandEntry<Extract<Cmd, { type: Type }>> };

/** The entry maker for one aggregate: its decider and the tag its routes share in the API document. */
export function commandsOf<State, Cmd extends Command, Event extends DomainEvent>(decider: Decider<State, Cmd, Event>, tag: string) {
  return function command<Type extends Cmd['type'], Params extends z.ZodType, Body extends z.ZodType, Context, Minted extends string = never>(
    type: Type,
    spec: CommandSpec<Extract<Cmd, { type: Type }>, Params, Body, Context, Minted, State>,
  ): CommandEntry<Extract<Cmd, { type: Type }>> {
    const mints: Partial<Record<Minted, string>> = spec.mints ?? {};
    const labels = typedEntries(mints);
    const inputOf = (request: CommandRequest): CommandInput<Type, z.output<Params>, z.output<Body>, Minted> => {
      const ids: Partial<Record<Minted, string>> = {};
      for (const [key, label] of labels) ids[key] = request.newId(label);
      if (!hasEvery(ids, labels.map(([key]) => key))) throw new Error(`${type}: an id was not minted`);
      return {
        // Fastify has validated both with these schemas; parsing again gives their types here.
        params: spec.params.parse(request.params),
        body: spec.body.parse(request.body),
        actor: request.actor,
        now: request.now,
        ids,
        base: { type, actor: request.actor, now: request.now },
      };
    };
    return {
      type,
      method: spec.method ?? 'POST',
      path: spec.path,
      tags: [tag],
      params: spec.params,
      body: spec.body,
      minted: Object.keys(mints),
      roles: spec.roles,
      summary: spec.summary,
      description: spec.description,
      response: spec.respond ? { status: spec.respond.status, schema: spec.respond.schema } : undefined,
      form: spec.form,
      execute: async (request, deps, context) => {
        const input = inputOf(request);
        const run = async () => deps.handler.handle(decider, spec.stream(input), spec.toCommand(input, await spec.context(input, deps)), context);
        if (spec.respond) return spec.respond.run(input, run, deps);
        const result = await (spec.around ? spec.around(input, run, deps) : run());
        const { revision, position, replayed, events } = result;
        return { status: 201, revision, body: { ...spec.answer?.(input), ...input.ids, revision, position, replayed, events } };
      },
    };
  };
}

/** A command that needs nothing from elsewhere. */
export const noContext = async (): Promise<undefined> => undefined;

function typedEntries<Key extends string>(record: Partial<Record<Key, string>>): [Key, string][] {
  const entries: [Key, string][] = [];
  for (const key in record) {
    const value = record[key];
    if (value !== undefined) entries.push([key, value]);
  }
  return entries;
}

function hasEvery<Key extends string>(ids: Partial<Record<Key, string>>, keys: readonly Key[]): ids is Record<Key, string> {
  return keys.every((key) => ids[key] !== undefined);
}
