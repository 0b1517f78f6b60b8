// How a caller names what the spec names: parameters in camelCase. The type and the function state
// the same rule, so that the names the types promise are the names the client reads.

type CharOf<Text extends string> = Text extends `${infer Head}${infer Rest}` ? Head | CharOf<Rest> : never;
type LowerLetter = CharOf<"abcdefghijklmnopqrstuvwxyz">;

/**
 * `name` in camelCase: each `_` or `-` that stands before a lower-case ASCII letter is dropped and the
 * letter upper-cased (`pet_id` → `petId`, `x-trace-id` → `xTraceId`); any other
 * character stays as it is (`a__b` → `a_B`, `v_2` → `v_2`).
 */
export type CamelCase<Name extends string, Done extends string = ""> = string extends Name
  ? Name
  : Name extends `${infer Head}${infer Rest}`
    ? Head extends "_" | "-"
      ? Rest extends `${infer Letter extends LowerLetter}${infer After}`
        ? CamelCase<After, `${Done}${Uppercase<Letter>}`>
        : CamelCase<Rest, `${Done}${Head}`>
      : CamelCase<Rest, `${Done}${Head}`>
    : Done;

/** The run-time side of {@link CamelCase}. */
export function camelCase<Name extends string>(name: Name): CamelCase<Name> {
  return name.replace(/[_-]([a-z])/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<Name>;
}
