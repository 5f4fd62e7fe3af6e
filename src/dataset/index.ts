export {
  parseDataset,
  SCHEMA_VERSION,
  DatasetSchema,
  type Alias,
  type Attribution,
  type Claim,
  type Dataset,
  type DatasetError,
  type Entity,
  type LocalizedText,
  type Note,
  type NoteSource,
  type ParseOptions,
  type ParseResult,
  type Source,
} from './schema.ts';
export { checkDatasetIntegrity, normalizeWhitespace } from './integrity.ts';
export { parseDatasetJson } from './parse-json.ts';
