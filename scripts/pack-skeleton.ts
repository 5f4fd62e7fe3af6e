/** The skeleton `npm run pack -- init` writes; pure, so the tests can check it against the validator. */

/** The article's sentences, each verbatim (whitespace normalised), in order; headings count as one. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.replace(/\s+/gu, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?…]["”“»«’)]?)\s+(?=["„“«(]?\p{Lu})/u))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface SkeletonInput {
  readonly text: string;
  readonly fileName: string;
  readonly sha256: string;
}

const blank = { en: '', de: '' };

export function skeletonPack({ text, fileName, sha256 }: SkeletonInput): object {
  const id =
    fileName
      .replace(/\.[^.]*$/u, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '') || 'my-story';
  return {
    schemaVersion: 2,
    id,
    title: blank,
    source: {
      language: '',
      file: fileName,
      sha256,
      title: null,
      url: null,
      author: null,
      writtenAround: { estimate: null, note: blank },
      translationOf: null,
      description: blank,
      text,
    },
    notesChecked: '',
    entities: [
      {
        id: '',
        kind: 'person',
        name: '',
        role: { ...blank, asOf: '' },
        summary: { ...blank, asOf: '' },
        aliases: [{ text: '', case: 'any', needsContext: false, lang: null }],
        excludes: [],
        context: [],
      },
    ],
    claims: splitSentences(text).map((quote, i) => ({
      id: `c${String(i + 1).padStart(2, '0')}`,
      entities: [],
      quote,
      insertions: [],
      text: blank,
      attribution: { kind: 'article', label: { en: 'The article itself', de: 'Der Artikel selbst' } },
      kind: 'fact',
    })),
    notes: [],
    developments: [],
  };
}
