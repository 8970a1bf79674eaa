import { foldVietnamese } from '@ocop/kernel';

/**
 * Banned-word matching for live chat, tuned for Vietnamese.
 *
 * A message is reduced to a skeleton of letters (a-z, 0-9 after folding diacritics and đ -> d). Everything else
 * (spaces, punctuation, emoji, zero-width characters) only marks word boundaries. Runs of the same letter collapse
 * to one ("nguuuu" -> "ngu"). A banned entry matches when its own skeleton appears in the message's skeleton, so
 * these all match "đồ ngu": "do ngu", "ĐỒ NGU", "đ ồ n g u", "d.o.n.g.u", "đồ nguuuu", "đồngu".
 *
 * Two rules keep innocent messages out, knowingly trading a little recall for precision:
 *
 * 1. Word boundaries. The match must start at the beginning of a word of the message and end at the end of one.
 *    "Nguyễn" never matches "ngu" (the match would end inside the word), nor does "thông ngu" match "hong".
 *    The price: letters glued to a banned word on either side hide it ("xngu", "ngu1"), and a message whose whole
 *    words happen to spell a banned entry when concatenated ("đồ" + "ngu" from "... đồ / ngu ...") does match;
 *    this is the same mechanism that catches "đ ồ n g u" and cannot tell the two apart.
 *
 * 2. Diacritics count when the writer uses them. A word of the message typed with any Vietnamese mark (or đ)
 *    is read literally: its letters must carry exactly the banned entry's marks. A word typed without any mark is
 *    compared folded (marks are routinely omitted, to type fast or to evade). So "đồ ngủ" (sleepwear, sold in
 *    livestreams) and "đi ngủ" do not match "đồ ngu", and "đi" does not match "đĩ"; but "do ngu" and "di ngu"
 *    typed without marks do match "đồ ngu": unmarked text cannot be told apart, and we err on the side of the
 *    banned entry there. A writer who puts a wrong mark on purpose ("ngú") escapes; an admin can ban that variant.
 *
 * Leetspeak (0 for o, @ for a) is not decoded: it would turn ordinary numbers and emails into false positives.
 */

interface Letter {
  base: string; // folded a-z0-9
  exact: string; // the NFC lower-case character as typed
  literal: boolean; // the word it belongs to carries a mark: compare exactly
  wordStart: boolean;
  wordEnd: boolean;
}

interface Run {
  base: string;
  letters: Letter[];
  start: boolean; // begins a word
  end: boolean; // ends a word
}

const LETTER = /^[a-z0-9]$/;

function lettersOf(text: string): Letter[] {
  const chars = [...text.normalize('NFC').toLowerCase()];
  const letters: Letter[] = [];
  let word: Letter[] = [];
  const closeWord = () => {
    if (word.length === 0) return;
    const marked = word.some((l) => l.exact !== l.base);
    for (const letter of word) letter.literal = marked;
    word[0]!.wordStart = true;
    word[word.length - 1]!.wordEnd = true;
    letters.push(...word);
    word = [];
  };
  for (const ch of chars) {
    const base = foldVietnamese(ch);
    if (LETTER.test(base)) {
      word.push({ base, exact: ch, literal: false, wordStart: false, wordEnd: false });
    } else {
      closeWord();
    }
  }
  closeWord();
  return letters;
}

function runsOf(letters: Letter[], acrossWords = false): Run[] {
  const runs: Run[] = [];
  for (const letter of letters) {
    const last = runs[runs.length - 1];
    // Repeats collapse within a word; across words they are absorbed while matching (see occursIn).
    if (last && last.base === letter.base && (acrossWords || !letter.wordStart)) {
      last.letters.push(letter);
      last.end = letter.wordEnd;
    } else {
      runs.push({ base: letter.base, letters: [letter], start: letter.wordStart, end: letter.wordEnd });
    }
  }
  return runs;
}

/** A banned entry prepared for matching: one base letter and its exact (marked) form per collapsed run. */
export interface CompiledBannedWord {
  word: string;
  pattern: { base: string; exact: string }[];
}

/** The canonical form an entry is stored and deduplicated by: NFC, lower-case, single spaces. */
export function normalizeBannedWord(word: string): string {
  return word.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** Null when the entry has no letters at all (it could never match anything). */
export function compileBannedWord(word: string): CompiledBannedWord | null {
  const runs = runsOf(lettersOf(word), true);
  if (runs.length === 0) return null;
  return {
    word: normalizeBannedWord(word),
    pattern: runs.map((r) => ({ base: r.base, exact: r.letters[0]!.exact })),
  };
}

function runMatches(run: Run, p: { base: string; exact: string }): boolean {
  if (run.base !== p.base) return false;
  return run.letters.every((letter) => !letter.literal || letter.exact === p.exact);
}

/**
 * Whether a compiled entry occurs in the message's runs (see the rules above). A text run with the same letter as
 * the pattern letter just matched is absorbed, so repeats split across words ("đồ ồ ngu", "ng u u") still match.
 */
function occursIn(runs: Run[], entry: CompiledBannedWord): boolean {
  const pattern = entry.pattern;
  for (let i = 0; i < runs.length; i++) {
    if (!runs[i]!.start || !runMatches(runs[i]!, pattern[0]!)) continue;
    let j = 1;
    let k = i + 1;
    let last = runs[i]!;
    while (j < pattern.length && k < runs.length) {
      const run = runs[k]!;
      if (runMatches(run, pattern[j]!)) {
        j++;
      } else if (run.base !== pattern[j - 1]!.base || !runMatches(run, pattern[j - 1]!)) {
        break;
      }
      last = run;
      k++;
    }
    if (j === pattern.length && last.end) return true;
  }
  return false;
}

/** The first banned entry the message contains, or null. */
export function findBannedWord(text: string, entries: readonly CompiledBannedWord[]): string | null {
  if (entries.length === 0) return null;
  const runs = runsOf(lettersOf(text));
  for (const entry of entries) if (occursIn(runs, entry)) return entry.word;
  return null;
}

/** Convenience for callers with raw words (tests, admin previews). */
export function containsBannedWord(text: string, words: readonly string[]): string | null {
  return findBannedWord(
    text,
    words.map(compileBannedWord).filter((c): c is CompiledBannedWord => c !== null),
  );
}

export const BANNED_WORD_MAX = 60;
