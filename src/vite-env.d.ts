/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** True in the e2e build (dist-e2e), which exposes extension pages to Firefox automation. */
  readonly CC_TEST_BUILD: boolean;
}
