/**
 * Defines one area's messages. The English catalogue must have exactly the Swedish keys: the
 * compiler checks it, so a missing translation is a type error, not a blank in the UI.
 */
export function defineMessages<const S extends Record<string, string>>(sv: S, en: { [K in keyof S]: string }) {
  return { sv, en };
}
