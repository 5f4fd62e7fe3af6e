/**
 * The dataset that ships with the extension, typed once for every context that shows it.
 *
 * It is not validated at run time: the schema check would cost the content script close to a
 * long task on every page load, and the size budget keeps the schema out of its bundle
 * (bench/README.md, "Bytes"). It proves nothing new either: test/unit/dataset/bundled.test.ts
 * validates this very file with parseDataset on every test run. Anything else (an imported pack)
 * is untrusted and goes through parseDataset.
 */
import json from '../../assets/dataset/meta-ai-leadership.json';
import type { Dataset } from './schema.ts';

/** The file as parsed JSON, for a context that checks it against the article (the source page). */
export const BUNDLED_JSON: unknown = json;

export const BUNDLED_DATASET: Dataset = json as unknown as Dataset;
