/**
 * Which parts of a page we read, decided from tag names and attributes only: no computed
 * style, so walking never forces a style or layout pass.
 */

/** The card host: our only element in a page, never scanned. */
export const OWN_UI_TAG = 'context-cards-root';

/** Elements whose content is never page text a reader sees as prose. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  // Head metadata, code (identifiers such as `import.meta` are not mentions), vector graphics.
  'head',
  'title',
  'code',
  'svg',
  'math',
  OWN_UI_TAG,
]);

/** Attributes that take a subtree out of the reading text (checked with one native call). */
const SKIP_SELECTOR =
  '[contenteditable]:not([contenteditable="false" i]),[aria-hidden="true" i],[hidden]:not([hidden="until-found" i])';

/**
 * Phrasing elements: their text continues the text around them, so "Alexandr <a>Wang</a>" is
 * read as one string. Custom elements are inline by default too (unless they host a shadow root).
 */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'rb',
  'rp',
  'rt',
  'rtc',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'slot',
]);

/** Elements without readable text that still end a line of text (a name never runs across them). */
const BREAK_TAGS = new Set([
  'br',
  'hr',
  'img',
  'video',
  'audio',
  'canvas',
  'embed',
  'object',
  'picture',
  'meter',
  'progress',
]);

const FRAME_TAGS = new Set(['iframe', 'frame']);

/**
 * The only elements a shadow root can be attached to (DOM standard, attachShadow()), besides
 * custom elements: reading `shadowRoot` of any other element is a DOM call that always gives null.
 */
const SHADOW_HOST_TAGS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** Whether an element of this (lower-case) tag can host a shadow root. */
function mayHostShadow(tag: string): boolean {
  return SHADOW_HOST_TAGS.has(tag) || tag.includes('-');
}

/** The open shadow root of `el`, whose lower-case tag is `tag`; read only where one can exist. */
export function shadowRootOf(el: Element, tag: string): ShadowRoot | null {
  return mayHostShadow(tag) ? el.shadowRoot : null;
}

/**
 * - skip: not read, nor anything inside it;
 * - inline: its text continues the current run;
 * - break: ends the current run, nothing inside to read;
 * - block: ends the current run; its content is a block of its own;
 * - frame: ends the run; a same-origin document without a content script of its own is covered.
 */
export type Kind = 'skip' | 'inline' | 'break' | 'block' | 'frame';

const lowerNames = new Map<string, string>();

/** Lower-cases a nodeName once per distinct name (HTML elements report upper case). */
export function tagOf(nodeName: string): string {
  let tag = lowerNames.get(nodeName);
  if (tag === undefined) {
    tag = nodeName.toLowerCase();
    if (lowerNames.size < 1024) lowerNames.set(nodeName, tag);
  }
  return tag;
}

/**
 * Classifies an element for the walk, given its nodeName (read once by the caller). Every
 * property read is a call into the DOM, and in Firefox content scripts each one crosses an Xray
 * wrapper (several microseconds), so this reads as little as it can: the attribute check is one
 * native matches() call, and shadowRoot is read only for elements that would otherwise be inline
 * and can host one (a block element is a block either way; its shadow root is read by the walk
 * that finds it, see BlockScanner).
 */
export function classifyNamed(el: Element, nodeName: string): Kind {
  const tag = tagOf(nodeName);
  if (SKIPPED_TAGS.has(tag)) return 'skip';
  if (BREAK_TAGS.has(tag)) return 'break';
  if (FRAME_TAGS.has(tag)) return 'frame';
  if (el.matches(SKIP_SELECTOR)) return 'skip';
  if (INLINE_TAGS.has(tag) || tag.includes('-')) {
    // A shadow host renders its shadow tree, a separate scope: its light text stands alone.
    return shadowRootOf(el, tag) === null ? 'inline' : 'block';
  }
  return 'block';
}

/** Classifies an element for the walk. */
export function classify(el: Element): Kind {
  return classifyNamed(el, el.nodeName);
}

/** A node that owns runs of text: a block element, a shadow root or a document. */
export type BlockKey = Element | ShadowRoot;

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

/**
 * The block whose runs contain `node` (a text node or an element), or null when the node lies
 * in a skipped subtree, in our own UI, or outside any document. Walks to the tree's root, since
 * any ancestor may take the subtree out (contenteditable, aria-hidden).
 */
export function ownerBlock(node: Node): BlockKey | null {
  let block: BlockKey | null = null;
  let current: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (current !== null) {
    if (current.nodeType === Node.ELEMENT_NODE) {
      const kind = classify(current as Element);
      // Text inside a break or frame element is fallback content nobody reads.
      if (kind === 'skip' || kind === 'break' || kind === 'frame') return null;
      if (block === null && kind === 'block') block = current as Element;
    } else if (isShadowRoot(current)) {
      return block ?? current;
    } else if (current.nodeType === Node.DOCUMENT_NODE) {
      return block;
    } else {
      return null;
    }
    current = current.parentNode;
  }
  // Detached: not part of a page any more.
  return null;
}

export { isShadowRoot };
