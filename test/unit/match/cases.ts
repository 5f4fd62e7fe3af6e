/**
 * The matcher's case table. Each case is text with its expected mentions marked inline as
 * `[[id|surface]]`; the markup is removed to get the input, and the marked spans (offsets into
 * the unmarked text) are the exact expected result of `find`. Ids are abbreviated below.
 */
export interface MatchCase {
  readonly lang: 'en' | 'de' | 'fr' | 'it' | 'es';
  readonly marked: string;
  readonly why?: string;
}

export const ID_ABBREVIATIONS: Readonly<Record<string, string>> = {
  z: 'mark-zuckerberg',
  w: 'alexandr-wang',
  lc: 'yann-lecun',
  msl: 'meta-superintelligence-labs',
  s: 'scale-ai',
  m: 'meta',
  ll: 'llama',
  f: 'fair',
};

const SPACES: readonly [string, string][] = [
  ['no-break space', '\u00A0'],
  ['narrow no-break space', '\u202F'],
  ['thin space', '\u2009'],
  ['line feed', '\n'],
  ['CRLF and indentation', '\r\n        '],
  ['tab', '\t'],
  ['two spaces', '  '],
];

const IGNORABLES: readonly [string, string][] = [
  ['soft hyphen', '\u00AD'],
  ['zero-width space', '\u200B'],
  ['zero-width non-joiner', '\u200C'],
  ['zero-width joiner', '\u200D'],
  ['word joiner', '\u2060'],
  ['zero-width no-break space', '\uFEFF'],
];

const APOSTROPHES: readonly [string, string][] = [
  ['ASCII apostrophe', "'"],
  ['right single quotation mark', '\u2019'],
  ['modifier letter apostrophe', '\u02BC'],
];

const generated: MatchCase[] = [
  ...SPACES.flatMap(([name, space]): MatchCase[] => [
    { lang: 'en', marked: `Yesterday [[z|Mark${space}Zuckerberg]] spoke.`, why: `${name} between first and last name` },
    {
      lang: 'de',
      marked: `Gestern sprach [[w|Alexandr${space}Wang]] in Berlin.`,
      why: `${name} between first and last name`,
    },
  ]),
  ...IGNORABLES.flatMap(([name, mark]): MatchCase[] => [
    { lang: 'en', marked: `Then [[z|Zucker${mark}berg]] left.`, why: `${name} inside a name` },
    { lang: 'de', marked: `Laut [[lc|Le${mark}Cun]] ist das falsch.`, why: `${name} inside a name` },
    { lang: 'en', marked: `Now [[s|Scale${mark} AI]] grows.`, why: `${name} before a space` },
  ]),
  ...APOSTROPHES.flatMap(([name, apostrophe]): MatchCase[] => [
    { lang: 'en', marked: `[[z|Zuckerberg]]${apostrophe}s plan`, why: `possessive with ${name}` },
    { lang: 'en', marked: `[[lc|LeCun]]${apostrophe}s lab`, why: `possessive with ${name}` },
    {
      lang: 'en',
      marked: `[[w|Alexandr Wang]] joined. [[w|Wang]]${apostrophe}s first day`,
      why: `possessive with ${name}`,
    },
  ]),
];

const written: MatchCase[] = [
  // English: names as pages write them
  { lang: 'en', marked: '[[z|Mark Zuckerberg]] said on Tuesday.' },
  { lang: 'en', marked: 'In a post, [[z|Zuckerberg]] said.' },
  { lang: 'en', marked: '[[z|ZUCKERBERG]] SAYS AI IS THE FUTURE', why: 'all-caps headline' },
  { lang: 'en', marked: 'BREAKING: [[z|MARK ZUCKERBERG]] TESTIFIES', why: 'all-caps headline' },
  { lang: 'en', marked: 'Zuckerbergfan club', why: 'inside a longer word' },
  { lang: 'en', marked: 'visit zuckerberg.example.com', why: 'exact alias in lower case' },
  { lang: 'en', marked: 'Zuckerberg1984 is a handle', why: 'digit continues the word' },
  { lang: 'en', marked: '\u00AD[[z|Zuckerberg]]\u00AD', why: 'ignorables outside the name stay outside' },
  {
    lang: 'en',
    marked: 'the [[z|Zuckerberg]]–[[w|Wang]] talks',
    why: 'en dash compound; Zuckerberg is context for Wang',
  },
  { lang: 'en', marked: 'the [[z|Zuckerberg]]—[[w|Wang]] era', why: 'em dash compound' },
  { lang: 'en', marked: '[[z|Mark Zuckerberg]] and Priscilla Chan’s foundation' },
  { lang: 'en', marked: '[[z|Mark Zuckerberg]]’s plan', why: 'possessive after full name' },
  { lang: 'en', marked: 'Randi Zuckerberg wrote a book.', why: 'exclude: another Zuckerberg' },
  { lang: 'en', marked: 'RANDI ZUCKERBERG WROTE A BOOK', why: 'exclude also in capitals' },
  { lang: 'en', marked: 'the Chan Zuckerberg Initiative funds science', why: 'exclude' },
  { lang: 'en', marked: 'the Chan\u00A0Zuckerberg Initiative', why: 'exclude with NBSP' },
  { lang: 'en', marked: 'the Chan Zuckerberg Initiative, founded by [[z|Mark Zuckerberg]]', why: 'exclude is local' },
  { lang: 'en', marked: '[[z|Marc Zuckerberg]] (sic)', why: 'misspelling listed as alias' },
  { lang: 'en', marked: 'Sugar (Zucker) is not a name.' },
  { lang: 'en', marked: '[[w|Alexandr Wang]] joined [[m|Meta]] in June.', why: 'Alexandr Wang is context for Meta' },
  { lang: 'en', marked: 'Alexander Wang showed his collection in New York.', why: 'exclude: the designer' },
  { lang: 'en', marked: 'Vera Wang dresses are expensive.', why: 'exclude' },
  { lang: 'en', marked: 'Wang Yi met the delegation.', why: 'exclude: the foreign minister' },
  { lang: 'en', marked: 'Wang Yi, Facebook and [[s|Scale AI]]', why: 'exclude wins over context' },
  { lang: 'en', marked: 'Wang said the results were good.', why: 'bare Wang without evidence' },
  { lang: 'en', marked: 'Jen Wang’s essay on millennials', why: 'another Wang' },
  { lang: 'en', marked: 'Amy Wang, Cyndi Wang, Dave Wang', why: 'sidebar of artists' },
  { lang: 'en', marked: 'Citation: Wang JB, Wang HJ. Lung cancer. 2019.', why: 'author list' },
  { lang: 'en', marked: '[[w|Wang]], the [[s|Scale AI]] founder, spoke.', why: 'context nearby' },
  { lang: 'en', marked: '[[w|Wang]] now runs [[m|Meta]]’s superintelligence effort.', why: 'context nearby' },
  {
    lang: 'en',
    marked: '[[w|Alexandr Wang]] founded a company. Years later, [[w|Wang]] sold part of it.',
    why: 'strong mention in the document',
  },
  {
    lang: 'en',
    marked: `[[w|Wang]] sold it. ${'Unrelated filler text. '.repeat(20)}Later [[w|Alexandr Wang]] spoke.`,
    why: 'strong mention far away still counts in the document',
  },
  {
    lang: 'en',
    marked: `Wang sold it. ${'Unrelated filler text. '.repeat(20)}Then [[z|Zuckerberg]] spoke.`,
    why: 'context beyond the window does not count (Zuckerberg is context for Wang, not page evidence)',
  },
  { lang: 'en', marked: '[[msl|Meta Superintelligence Labs]] hired ten researchers.', why: 'longest match wins' },
  { lang: 'en', marked: '[[msl|META SUPERINTELLIGENCE LABS]] HIRES', why: 'longest match in capitals' },
  { lang: 'en', marked: '[[msl|meta superintelligence labs]]', why: 'case any' },
  { lang: 'en', marked: '[[m|Meta]]’s new lab, said [[z|Zuckerberg]].', why: 'Meta with context' },
  { lang: 'en', marked: 'Meta’s new lab opened.', why: 'Meta without evidence' },
  { lang: 'en', marked: 'Add meta tags to your HTML head.', why: 'lower-case meta' },
  { lang: 'en', marked: 'Meta tags are read by Facebook crawlers.', why: 'exclude beats context' },
  { lang: 'en', marked: 'a meta-analysis of 40 studies', why: 'lower-case meta' },
  { lang: 'en', marked: 'A Meta-Analysis of Facebook Use', why: 'exclude in title case' },
  { lang: 'en', marked: 'Meta\nLog in\nEntries feed\nComments feed\nWordPress.org', why: 'WordPress sidebar heading' },
  { lang: 'en', marked: 'Meta Ridley returns in Metroid Prime with better AI.', why: 'exclude: the game boss' },
  { lang: 'en', marked: '[[m|Meta Platforms]], Inc. META', why: 'ticker in capitals is not shouting' },
  {
    lang: 'en',
    marked: '[[m|META]] RELEASES [[ll|LLAMA 3]] TO THE PUBLIC',
    why: 'headline in capitals, each context for the other',
  },
  { lang: 'en', marked: '[[ll|Llama 3]] is [[m|Meta]]’s open-weight model.', why: 'versioned name is unambiguous' },
  { lang: 'en', marked: '[[ll|Llama]] is [[m|Meta]]’s open-weight model.', why: 'mutual context' },
  { lang: 'en', marked: '[[lc|yann lecun]] in lower case', why: 'case any' },
  { lang: 'en', marked: '[[m|Meta]] released [[ll|Llama-3]]', why: 'hyphen between alias words' },
  { lang: 'en', marked: 'The llama is a South American camelid.', why: 'the animal, lower case' },
  { lang: 'en', marked: 'Llamas live in the Andes.', why: 'the animal, no context' },
  { lang: 'en', marked: 'Llama wool sweaters on sale', why: 'capitalised animal, no context' },
  { lang: 'en', marked: '[[lc|Yann LeCun]] spoke at NYU.' },
  { lang: 'en', marked: 'Professor [[lc|LeCun]] agreed.' },
  { lang: 'en', marked: '[[lc|LeCun]] founded [[f|FAIR]] at [[m|Meta]].', why: 'LeCun is context for FAIR and Meta' },
  { lang: 'en', marked: 'It is not fair.', why: 'lower case' },
  { lang: 'en', marked: 'FAIR TRADE COFFEE', why: 'capitals without context' },
  { lang: 'en', marked: 'The FAIR principles for data', why: 'acronym without context' },
  { lang: 'en', marked: '[[f|Fundamental AI Research]] turns ten.', why: 'unambiguous long form' },
  { lang: 'en', marked: 'The MSL score was high.', why: 'MSL without context' },
  { lang: 'en', marked: '[[w|Wang]] leads [[msl|MSL]] at [[m|Meta]].', why: 'mutual context' },
  { lang: 'en', marked: '[[s|Scale AI]] raised money.' },
  { lang: 'en', marked: 'scale ai is lower case', why: 'exact alias' },
  { lang: 'en', marked: 'the [[s|SCALE AI]] DEAL', why: 'capitals in a headline' },
  { lang: 'en', marked: '[[z|Zuck]] said hi on Facebook.', why: 'nickname with context' },
  { lang: 'en', marked: 'Zuck', why: 'nickname alone' },
  { lang: 'en', marked: 'Zucked up', why: 'not the nickname' },
  { lang: 'en', marked: '', why: 'empty text' },
  { lang: 'en', marked: '[[z|Zuckerberg]]', why: 'whole text' },
  { lang: 'en', marked: '"[[z|Zuckerberg]]"', why: 'quotes' },
  { lang: 'en', marked: '(#[[z|Zuckerberg]])', why: 'punctuation' },
  { lang: 'en', marked: 'Visit [[z|Mark Zuckerberg]]' },
  { lang: 'en', marked: 'Mark Twain and [[z|Zuckerberg]]', why: 'first name alone is nothing' },
  { lang: 'en', marked: 'Mark. [[z|Zuckerberg]]', why: 'a full stop breaks the full name' },

  // German
  { lang: 'de', marked: '[[z|Mark Zuckerberg]]s Konzern', why: 'genitive s' },
  { lang: 'de', marked: '[[z|Zuckerberg]]s Pläne', why: 'genitive s' },
  { lang: 'de', marked: 'Das Unternehmen von [[z|Mark Zuckerberg]]' },
  { lang: 'de', marked: 'Herr [[z|Zuckerberg]], bitte!' },
  { lang: 'de', marked: 'Der [[z|Zuckerberg]] macht, was er will.' },
  { lang: 'de', marked: 'Zucker ist ungesund.' },
  { lang: 'de', marked: 'Die Zuckerindustrie klagt.' },
  { lang: 'de', marked: 'Zuckerbergwerk', why: 'longer compound' },
  { lang: 'de', marked: '[[m|Meta]]-Chef [[z|Zuckerberg]]', why: 'hyphen compound' },
  { lang: 'de', marked: 'Das [[m|Meta]]-Unternehmen Instagram', why: 'compound with context' },
  { lang: 'de', marked: 'Aktien des [[m|Meta]]-Konzerns', why: 'context term with prefix rule' },
  { lang: 'de', marked: 'Auf der Meta-Ebene betrachtet', why: 'no context' },
  { lang: 'de', marked: 'Metaebene und Metadaten', why: 'inside words' },
  { lang: 'de', marked: 'Eine Meta-Analyse zu Facebook', why: 'exclude' },
  { lang: 'de', marked: '[[w|Wang]]s neues Labor bei [[m|Meta]], sagt [[z|Zuckerberg]]', why: 'genitive with context' },
  { lang: 'de', marked: '[[lc|LeCun]]s Abschied von [[m|Meta]]', why: 'genitive' },
  { lang: 'de', marked: 'Die [[ll|LLaMa]]-Modelle von [[m|Meta]]', why: 'compound' },
  { lang: 'de', marked: '[[s|Scale-AI]]-Gründer [[w|Alexandr Wang]]', why: 'hyphen between alias words' },
  {
    lang: 'de',
    marked: 'Das Superintelligenz-Labor von [[m|Meta]] unter [[w|Wang]]',
    why: 'prefix context term in German',
  },
  { lang: 'de', marked: '[[lc|Yann LeCun]] verlässt [[m|Meta]]' },
  { lang: 'de', marked: '[[z|ZUCKERBERG]] IM VERHÖR', why: 'headline with umlaut' },
  { lang: 'de', marked: 'Chan-Zuckerberg-Initiative', why: 'exclude across hyphens' },
  { lang: 'de', marked: 'Wang Yi, Chinas Außenminister', why: 'exclude' },
  { lang: 'de', marked: 'Vera Wangs Brautkleider', why: 'exclude with genitive' },
  { lang: 'de', marked: 'Alexander Wangs Kollektion', why: 'exclude with genitive' },
  { lang: 'de', marked: '© AFP / WANG ZHAO', why: 'photographer in capitals, no context' },
  { lang: 'de', marked: 'Der Wang-Clan feiert', why: 'no context' },
  { lang: 'de', marked: 'Nach [[z|Zuckerberg]]–[[w|Wang]]-Deal', why: 'dash compound' },
  { lang: 'de', marked: '[[m|Meta]], der Facebook-Mutterkonzern' },
  { lang: 'de', marked: 'Meta setzt auf künstliche Intelligenz', why: 'a generic AI word is no evidence' },
  { lang: 'de', marked: 'Meta setzt auf KI', why: 'a generic AI acronym is no evidence' },
  { lang: 'de', marked: '[[m|Meta]] setzt auf [[ll|Llama]]', why: 'mutual context' },
  { lang: 'de', marked: 'Meta setzt auf ki', why: 'capitalised context term needs its capitals' },
  { lang: 'de', marked: 'Laut [[z|Zuckerberg]]', why: 'sentence end' },
  { lang: 'de', marked: 'Das [[msl|Meta Superintelligence Labs]]-Team', why: 'longest match in a compound' },
  { lang: 'de', marked: 'Die [[f|FAIR]]-Forscher von [[m|Meta]]', why: 'acronym compound with context' },
  { lang: 'de', marked: 'Fa\u00ADce\u00ADbook-Nutzer', why: 'soft hyphens, nothing of ours' },
  { lang: 'de', marked: '[[z|Zuckerberg]]s', why: 'genitive alone' },

  // French
  { lang: 'fr', marked: '[[z|Mark Zuckerberg]] a annoncé' },
  { lang: 'fr', marked: 'le patron de [[m|Meta]], [[z|Mark Zuckerberg]]' },
  { lang: 'fr', marked: 'l’équipe de [[z|Zuckerberg]]' },
  { lang: 'fr', marked: 'l’arrivée d’[[w|Alexandr Wang]]', why: 'elision apostrophe before the name' },
  { lang: 'fr', marked: "l'arrivée d'[[w|Alexandr Wang]]", why: 'ASCII elision' },
  { lang: 'fr', marked: 'la méta-analyse publiée', why: 'accented, not an alias' },
  { lang: 'fr', marked: 'Le modèle [[ll|Llama]] de [[m|Meta]]' },
  { lang: 'fr', marked: 'un lama au zoo', why: 'the animal in French' },
  { lang: 'fr', marked: '[[lc|Yann LeCun]], directeur scientifique' },
  { lang: 'fr', marked: 'Le [[f|FAIR]] de [[m|Meta]] à Paris' },
  { lang: 'fr', marked: 'une Meta-réflexion', why: 'no context' },
  { lang: 'fr', marked: 'Meta mise sur l’intelligence artificielle', why: 'a generic AI word is no evidence' },
  { lang: 'fr', marked: '[[m|Meta]] mise sur [[lc|Yann LeCun]]', why: 'a related entity named nearby is context' },
  { lang: 'fr', marked: 'Zuckerbergien', why: 'derived word' },
  { lang: 'fr', marked: 'LE PDG [[z|ZUCKERBERG]] S’EXPLIQUE', why: 'headline' },
  { lang: 'fr', marked: 'Wang a parlé.', why: 'no evidence' },
  { lang: 'fr', marked: '[[w|Wang]], fondateur de [[s|Scale AI]], a parlé.' },
  { lang: 'fr', marked: 'la maison Vera Wang', why: 'exclude' },

  // Italian
  { lang: 'it', marked: '[[z|Mark Zuckerberg]] ha detto' },
  { lang: 'it', marked: 'il Gruppo della Meta in Abruzzo', why: 'exclude: mountain group' },
  { lang: 'it', marked: 'il GRUPPO DELLA META', why: 'exclude in capitals' },
  { lang: 'it', marked: 'la meta del viaggio', why: 'lower-case goal' },
  { lang: 'it', marked: 'Meta del viaggio: Roma', why: 'capitalised goal, no context' },
  { lang: 'it', marked: '[[m|Meta]] ha presentato [[ll|Llama 4]]' },
  { lang: 'it', marked: 'il modello [[ll|LLaMA]]', why: 'prefix context modello*' },
  { lang: 'it', marked: 'l’intelligenza artificiale di Meta', why: 'a generic AI word is no evidence' },
  { lang: 'it', marked: 'ai ragazzi della Meta', why: 'lower-case ai is not AI' },
  { lang: 'it', marked: 'La [[msl|Meta Superintelligence Labs]] di [[z|Zuckerberg]]' },
  { lang: 'it', marked: '[[w|Wang]], fondatore di [[s|Scale AI]]' },
  { lang: 'it', marked: 'Dell’[[z|Zuckerberg]] si parla', why: 'elision' },
  { lang: 'it', marked: 'la fiamma, non la lama', why: 'nothing' },

  // Spanish
  { lang: 'es', marked: 'Mi amigo se llama Daniel Ortega.', why: 'verb llamar' },
  { lang: 'es', marked: 'La llama de la Rebelión sigue viva.', why: 'flame' },
  { lang: 'es', marked: 'Llama a la calma el presidente.', why: 'verb at sentence start' },
  { lang: 'es', marked: 'LLAMA A LA CALMA', why: 'verb in a headline' },
  { lang: 'es', marked: 'Lo que llamas cultura', why: 'verb' },
  { lang: 'es', marked: 'La casa en llamas', why: 'on fire' },
  { lang: 'es', marked: 'Meta de energía eólica para 2030', why: 'goal' },
  { lang: 'es', marked: 'La meta es clara.', why: 'goal, lower case' },
  { lang: 'es', marked: '[[z|Mark Zuckerberg]], fundador de Facebook' },
  { lang: 'es', marked: '[[m|Meta]], la empresa de [[z|Zuckerberg]]' },
  { lang: 'es', marked: 'El modelo [[ll|Llama]] de [[m|Meta]]' },
  { lang: 'es', marked: '[[w|Alexandr Wang]], de [[s|Scale AI]]' },
  { lang: 'es', marked: 'Las metas de [[m|Meta]] y de [[z|Zuckerberg]]', why: 'plural goal vs company' },
  { lang: 'es', marked: 'Se llama Neobanco y es nuevo.', why: 'verb capitalised' },
  { lang: 'es', marked: '¿[[z|Zuckerberg]]?', why: 'inverted punctuation' },
];

export const MATCH_CASES: readonly MatchCase[] = [...written, ...generated];

/** Removes the markup, returning the text and the expected mentions with full ids. */
export function unmark(marked: string): { text: string; expected: { entityId: string; start: number; end: number }[] } {
  const expected: { entityId: string; start: number; end: number }[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\[\[([a-z]+)\|([^\]]*)\]\]/g)) {
    text += marked.slice(last, m.index);
    const id = ID_ABBREVIATIONS[m[1] ?? ''];
    if (id === undefined) throw new Error(`unknown id abbreviation ${m[1]}`);
    const surface = m[2] ?? '';
    expected.push({ entityId: id, start: text.length, end: text.length + surface.length });
    text += surface;
    last = m.index + m[0].length;
  }
  return { text: text + marked.slice(last), expected };
}
