import { CommonError } from './domain-error';

/**
 * What text the platform accepts from outside, decided once and applied at every edge (HTTP bodies, queries and
 * params through the validation pipe; socket payloads through the gateways' payload parser).
 *
 * Refused, with one code (INVALID_TEXT):
 * - NUL and every other control character (C0, DEL, C1), and the line and paragraph separators. Text that is
 *   multi-line by nature (a product's description, a session's) may hold line feeds, carriage returns and tabs.
 * - Lone UTF-16 surrogates (JSON can carry them as `\ud800`; PostgreSQL and every reader choke on them).
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): OCOP Live's text is
 *   Vietnamese and left-to-right, and these characters only serve to make text display in another order than it
 *   is stored ("Trojan source", spoofed names in chat). The plain direction marks (LRM, RLM, ALM) are harmless
 *   and pass.
 * - Text that holds characters but nothing visible: only spaces and invisible characters (zero-width spaces and
 *   joiners, word joiners, the byte-order mark, soft hyphens, Hangul fillers, variation selectors ...). An empty
 *   string is left to the field's own rules (a required field refuses it, an optional one may allow it).
 */
export type TextProblem = 'control' | 'surrogate' | 'bidi' | 'blank';

export interface TextRules {
  /** Line feeds, carriage returns and tabs are allowed. */
  multiline?: boolean;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  control: 'must not contain NUL or other control characters',
  surrogate: 'must be well-formed Unicode (no lone surrogates)',
  bidi: 'must not contain bidirectional override, embedding or isolate characters',
  blank: 'must contain visible characters',
};

// eslint-disable-next-line no-control-regex
const SINGLE_LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0\u2800]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first rule a piece of text breaks, or null when it is acceptable. */
export function textProblem(text: string, rules: TextRules = {}): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  if ((rules.multiline ? MULTI_LINE_CONTROLS : SINGLE_LINE_CONTROLS).test(text)) return 'control';
  if (BIDI_CONTROLS.test(text)) return 'bidi';
  if (text.length > 0 && text.replace(INVISIBLE, '').length === 0) return 'blank';
  return null;
}

/** True when the text holds nothing a person can see (empty, spaces, zero-width characters). */
export function isVisiblyEmpty(text: string): boolean {
  return text.replace(INVISIBLE, '').length === 0;
}

/**
 * An identifier as people mean it: Unicode compatibility forms folded (NFKC turns the full-width "ｓhopper" into
 * "shopper" and ligatures into letters), surrounding spaces removed, lower case. Emails are compared and stored
 * in this form, so a lookalike spelling is the same account.
 */
export function normalizeIdentifier(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

const MULTILINE_FIELDS = new WeakMap<object, Set<string>>();

/** Marks a DTO property as multi-line text (line breaks and tabs allowed); every other string is single-line. */
export function MultilineText(): PropertyDecorator {
  return (target, property) => {
    const fields = MULTILINE_FIELDS.get(target) ?? new Set<string>();
    fields.add(String(property));
    MULTILINE_FIELDS.set(target, fields);
  };
}

function isMultiline(owner: object | null, property: string): boolean {
  for (let proto = owner ? Object.getPrototypeOf(owner) : null; proto; proto = Object.getPrototypeOf(proto)) {
    if (MULTILINE_FIELDS.get(proto)?.has(property)) return true;
  }
  return false;
}

export interface TextFieldProblem {
  field: string;
  problems: string[];
}

const MAX_DEPTH = 16;

/**
 * Every string inside a payload (object keys included) checked against the rules above; a property declared
 * with `@MultilineText()` on its class may hold line breaks. `root` names the payload in the answer (`q`, `(body)`).
 */
export function findTextProblems(payload: unknown, root = ''): TextFieldProblem[] {
  const found: TextFieldProblem[] = [];
  const visit = (value: unknown, field: string, owner: object | null, property: string, depth: number): void => {
    if (typeof value === 'string') {
      const problem = textProblem(value, { multiline: owner !== null && isMultiline(owner, property) });
      if (problem) found.push({ field: field || '(value)', problems: [TEXT_PROBLEM_MESSAGES[problem]] });
      return;
    }
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${field}[${index}]`, owner, property, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const path = field ? `${field}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) found.push({ field: path, problems: [`field names ${TEXT_PROBLEM_MESSAGES[keyProblem]}`] });
      visit(item, path, value, key, depth + 1);
    }
  };
  visit(payload, root, null, '', 0);
  return found;
}

/** The one answer for text that breaks these rules, HTTP and sockets alike: INVALID_TEXT (400) with each field. */
export function invalidText(fields: TextFieldProblem[]): InstanceType<typeof CommonError> {
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.field}: ${f.problems[0]}`)
    .join('; ');
  return new CommonError('INVALID_TEXT', `Invalid text: ${summary}`, { fields });
}
