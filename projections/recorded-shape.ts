// The shape of what was recorded: a request schema without the rules a request must keep
// (visible text, calendar dates, offsets, lengths, a concern's reason…). A read model's output
// schema is built from the same fields as the request, but an answer describes what is stored,
// it does not judge it again: an event stored before a rule was tightened, or read from
// EventStoreDB without a second parse, must never turn a GET into a 500.
import { z } from 'zod';

/** The schema `S` with every rule taken off; what it parses to is what `S` parses to. */
export type Recorded<S> =
  S extends z.ZodObject<infer Shape>
    ? z.ZodObject<{ -readonly [K in keyof Shape]: Recorded<Shape[K]> }, z.core.$strip>
    : S extends z.ZodArray<infer Item>
      ? z.ZodArray<Recorded<Item>>
      : S extends z.ZodOptional<infer Inner>
        ? z.ZodOptional<Recorded<Inner>>
        : S extends z.ZodNullable<infer Inner>
          ? z.ZodNullable<Recorded<Inner>>
          : S extends z.ZodDefault<infer Inner>
            ? z.ZodDefault<Recorded<Inner>>
            : S extends z.ZodRecord<infer Key, infer Value>
              ? z.ZodRecord<Key, Recorded<Value>>
              : S extends z.ZodUnion<infer Options>
                ? z.ZodUnion<{ -readonly [K in keyof Options]: Recorded<Options[K]> }>
                : S extends z.ZodStringFormat | z.ZodString
                  ? z.ZodString
                  : S extends z.ZodNumber
                    ? z.ZodNumber
                    : S; // enums, literals and booleans carry no rule beyond their type

/** The shape of `schema` without its rules, the field list and every enum kept. */
export function recorded<S extends z.ZodType>(schema: S): Recorded<S> {
  // The one cast: TypeScript cannot follow a schema rebuilt node by node; the type above
  // mirrors each case below, and test/projections/recorded-shape.test.ts checks both agree.
  return withoutRules(schema) as Recorded<S>;
}

function withoutRules(schema: z.core.$ZodType): z.ZodType {
  const relaxed = relax(schema);
  const description = schema instanceof z.ZodType ? schema.description : undefined;
  return description === undefined ? relaxed : relaxed.describe(description);
}

function relax(schema: z.core.$ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    return z.object(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutRules(field)])));
  }
  if (schema instanceof z.ZodArray) return z.array(withoutRules(schema.element));
  if (schema instanceof z.ZodOptional) return withoutRules(schema.unwrap()).optional();
  if (schema instanceof z.ZodNullable) return withoutRules(schema.unwrap()).nullable();
  if (schema instanceof z.ZodDefault) return withoutRules(schema.unwrap()).default(schema.def.defaultValue);
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType, withoutRules(schema.valueType));
  if (schema instanceof z.ZodUnion) return z.union(schema.options.map(withoutRules));
  if (schema instanceof z.ZodStringFormat || schema instanceof z.ZodString) return z.string();
  if (schema instanceof z.ZodNumber) return z.number();
  if (schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral || schema instanceof z.ZodBoolean) return schema;
  // A kind not handled above would keep rules nobody looked at: refuse it when the module loads.
  throw new Error(`recorded(): no rule-free form for a ${schema._zod.def.type} schema`);
}
