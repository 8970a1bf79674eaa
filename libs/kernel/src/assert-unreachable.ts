/** Compile-time exhaustiveness: a `switch` over a union ends with `default: return assertUnreachable(x)`. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable value: ${JSON.stringify(value)}`);
}
