export {
  parseDataset,
  SCHEMA_VERSION,
  DatasetSchema,
  type Alias,
  type Attribution,
  type Claim,
  type Dataset,
  type DatasetError,
  type DatedText,
  type Development,
  type Entity,
  type Insertion,
  type LocalizedText,
  type Note,
  type NoteSource,
  type ParseOptions,
  type ParseResult,
  type Source,
  type SourceDate,
} from './schema.ts';
export { checkDatasetIntegrity, normalizeWhitespace } from './integrity.ts';
export { firstDay, lastDay, later } from './dates.ts';
export { parseDatasetJson } from './parse-json.ts';
