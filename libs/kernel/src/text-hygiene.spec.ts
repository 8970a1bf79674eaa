import { findTextProblems, MultilineText, normalizeIdentifier, textProblem } from './text-hygiene';

describe('text a shopper, streamer or farmer may send', () => {
  it('accepts ordinary Vietnamese text, emoji and direction marks', () => {
    expect(textProblem('Gốm Bát Tràng — men lam 🏺')).toBeNull();
    expect(textProblem('Chè Shan tuyết\u200e')).toBeNull();
    expect(textProblem('')).toBeNull();
  });

  it('refuses NUL and other control characters; line breaks only in multi-line text', () => {
    expect(textProblem('Gốm\u0000')).toBe('control');
    expect(textProblem('a\u0085b')).toBe('control');
    expect(textProblem('a\u2028b')).toBe('control');
    expect(textProblem('dòng 1\ndòng 2')).toBe('control');
    expect(textProblem('dòng 1\r\n\tdòng 2', { multiline: true })).toBeNull();
    expect(textProblem('dòng 1\u0000', { multiline: true })).toBe('control');
  });

  it('refuses lone surrogates but keeps emoji made of surrogate pairs', () => {
    expect(textProblem('\ud83c')).toBe('surrogate');
    expect(textProblem('x\udf75')).toBe('surrogate');
    expect(textProblem('\ud83c\udf75')).toBeNull();
  });

  it('refuses bidi overrides that make a name display differently from what is stored', () => {
    expect(textProblem('Lan\u202egnp.exe')).toBe('bidi');
    expect(textProblem('\u2067x\u2069')).toBe('bidi');
  });

  it('refuses text with nothing visible in it', () => {
    expect(textProblem('\u200b\u200b')).toBe('blank');
    expect(textProblem(' \ufeff\u2060\u3164 ')).toBe('blank');
    expect(textProblem('\u200bLan')).toBeNull();
  });

  it('folds full-width lookalikes of an email to the plain address', () => {
    expect(normalizeIdentifier(' ｓhopper1@ocop.example ')).toBe('shopper1@ocop.example');
    expect(normalizeIdentifier('SHOPPER1@OCOP.EXAMPLE')).toBe('shopper1@ocop.example');
  });

  it('walks a whole payload, names each field, and honours multi-line fields of the class', () => {
    class Story {
      @MultilineText() description = 'dòng 1\ndòng 2';
      title = 'ok\n';
    }
    const problems = findTextProblems({ story: new Story(), tags: ['a', 'b\u0000'], ['k\u0000']: 1 });
    expect(problems.map((p) => p.field)).toEqual(['story.title', 'tags[1]', 'k\u0000']);
  });
});
