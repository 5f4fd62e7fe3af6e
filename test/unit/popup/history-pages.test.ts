import { describe, expect, it } from 'vitest';
import { historyByPage } from '../../../src/popup/history-pages.ts';

const page = (url: string, lastSeen: number, count = 1, title = url) => ({
  url,
  title,
  firstSeen: 0,
  lastSeen,
  count,
});

describe('the history by page', () => {
  it('turns rows per name into one row per page, newest first, with its names most mentioned first', () => {
    const rows = historyByPage([
      { entityId: 'meta', pages: [page('https://a.example/', 30, 2), page('https://b.example/', 10, 7)] },
      { entityId: 'llama', pages: [page('https://b.example/', 20, 9, 'B, retitled')] },
      { entityId: 'fair', pages: [page('https://c.example/', 25, 1)] },
    ]);
    expect(rows).toEqual([
      { url: 'https://a.example/', title: 'https://a.example/', lastSeen: 30, entityIds: ['meta'] },
      { url: 'https://c.example/', title: 'https://c.example/', lastSeen: 25, entityIds: ['fair'] },
      // The newest visit gives the time and the title.
      { url: 'https://b.example/', title: 'B, retitled', lastSeen: 20, entityIds: ['llama', 'meta'] },
    ]);
  });

  it('orders names with equal counts by id, and is empty for no history', () => {
    const rows = historyByPage([
      { entityId: 'yann-lecun', pages: [page('https://a.example/', 1)] },
      { entityId: 'alexandr-wang', pages: [page('https://a.example/', 1)] },
    ]);
    expect(rows[0]?.entityIds).toEqual(['alexandr-wang', 'yann-lecun']);
    expect(historyByPage([])).toEqual([]);
  });
});
