import type { MatchAlias, MatchEntity } from '../../../src/match/index.ts';

function alias(text: string, rule: 'any' | 'exact', needsContext = false): MatchAlias {
  return { text, case: rule, needsContext, lang: null };
}

/**
 * Entities shaped like the bundled dataset's: the case table runs against these and, when it
 * exists, against the bundled file too (that is what users get).
 */
export const FIXTURE_ENTITIES: readonly MatchEntity[] = [
  {
    id: 'mark-zuckerberg',
    aliases: [
      alias('Mark Zuckerberg', 'exact'),
      alias('Zuckerberg', 'exact'),
      alias('Marc Zuckerberg', 'exact'),
      alias('Zuck', 'exact', true),
    ],
    excludes: ['Randi Zuckerberg', 'Chan Zuckerberg', 'Donna Zuckerberg'],
    context: ['Meta', 'Facebook', 'Instagram', 'WhatsApp'],
  },
  {
    id: 'alexandr-wang',
    aliases: [alias('Alexandr Wang', 'exact'), alias('Wang', 'exact', true)],
    excludes: ['Alexander Wang', 'Vera Wang', 'Wang Yi'],
    context: ['Meta', 'Scale AI', 'superintelligen*', 'Zuckerberg', 'MSL', 'Chief AI Officer'],
  },
  {
    id: 'yann-lecun',
    aliases: [alias('Yann LeCun', 'any'), alias('LeCun', 'exact')],
    excludes: [],
    context: [],
  },
  {
    id: 'meta-superintelligence-labs',
    aliases: [alias('Meta Superintelligence Labs', 'any'), alias('MSL', 'exact', true)],
    excludes: [],
    context: ['Meta', 'superintelligen*', 'Wang', 'Zuckerberg'],
  },
  {
    id: 'scale-ai',
    aliases: [alias('Scale AI', 'exact')],
    excludes: [],
    context: [],
  },
  {
    id: 'meta',
    aliases: [alias('Meta Platforms', 'exact'), alias('Meta', 'exact', true)],
    excludes: [
      'meta tag',
      'meta tags',
      'meta-analysis',
      'Meta-Analyse',
      'méta-analyse',
      'Meta Ridley',
      'Gruppo della Meta',
      'Meta Log in',
      'Meta Anmelden',
      'Meta Site Admin',
    ],
    context: [
      'Facebook',
      'Instagram',
      'WhatsApp',
      'Zuckerberg',
      'Alexandr Wang',
      'LeCun',
      'Scale AI',
      'MSL',
      'FAIR',
      'superintelligen*',
      'Konzern*',
      'Threads',
      'Oculus',
      'Llama',
      'LLaMA',
      'LLaMa',
      'Nasdaq',
    ],
  },
  {
    id: 'llama',
    aliases: [
      alias('Llama', 'exact', true),
      alias('LLaMA', 'exact', true),
      alias('LLaMa', 'exact', true),
      alias('Llama 2', 'any'),
      alias('Llama 3', 'any'),
      alias('Llama 4', 'any'),
    ],
    excludes: [],
    context: [
      'Meta',
      'Sprachmodell*',
      'language model*',
      'open-weight',
      'open source',
      'LLM*',
      'KI-Modell*',
      'AI model*',
      'modèle*',
      'modello*',
    ],
  },
  {
    id: 'fair',
    aliases: [alias('FAIR', 'exact', true), alias('Fundamental AI Research', 'any')],
    excludes: [],
    context: ['Meta', 'LeCun'],
  },
];
