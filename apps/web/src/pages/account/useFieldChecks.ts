import { useState, type FocusEvent } from 'react';
import type { FieldProblem } from './validation';

/**
 * Per-field messages for a form: a field's problem shows once the user has typed in it and left it (or tried to
 * submit), then follows every keystroke, so a fix clears it at once. Leaving a field still empty says nothing yet:
 * "required" waits for the submit, so merely moving through the form does not fill it with red. Submitting with problems shows them all and focuses the
 * first; the button is never silently disabled.
 */
export function useFieldChecks<K extends string>(problems: Record<K, FieldProblem>) {
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);

  const shown = (field: K): FieldProblem => (submitted || touched[field] ? problems[field] : null);

  return {
    shown,
    blur: (field: K) => (event: FocusEvent<HTMLInputElement>) => {
      if (event.currentTarget.value !== '') setTouched((current) => ({ ...current, [field]: true }));
    },
    /** Call on submit: true when every field is fine; otherwise shows every problem and focuses the first field. */
    check(order: readonly { field: K; id: string }[]): boolean {
      setSubmitted(true);
      const first = order.find(({ field }) => problems[field] !== null);
      if (first) document.getElementById(first.id)?.focus();
      return first === undefined;
    },
    /** aria-describedby for the input: its hint, then its error while one shows. */
    describedBy(field: K, id: string, hint: boolean): string | undefined {
      const ids = [hint ? `${id}-hint` : null, shown(field) ? `${id}-error` : null].filter(Boolean);
      return ids.length > 0 ? ids.join(' ') : undefined;
    },
  };
}
