/** The bundled dataset's aliases, as the competitors get them. */
import dataset from '../../assets/dataset/meta-ai-leadership.json';

export interface BenchAlias {
  readonly entityId: string;
  readonly text: string;
  readonly caseSensitive: boolean;
}

interface RawEntity {
  readonly id: string;
  readonly aliases: readonly { readonly text: string; readonly case: string }[];
}

export const ALIASES: readonly BenchAlias[] = (
  dataset as unknown as { entities: readonly RawEntity[] }
).entities.flatMap((e) => e.aliases.map((a) => ({ entityId: e.id, text: a.text, caseSensitive: a.case === 'exact' })));
