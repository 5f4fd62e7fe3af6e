import { describe, expect, it } from 'vitest';
import { parseUrl, siteOf, webUrl } from '../../../src/shared/urls.ts';

describe('addresses', () => {
  it('parses URLs, and says null for anything else', () => {
    expect(parseUrl('https://example.org/a')?.pathname).toBe('/a');
    expect(parseUrl('chrome://settings')?.protocol).toBe('chrome:');
    for (const junk of ['', 'not a url', '/relative', null, undefined]) expect(parseUrl(junk)).toBeNull();
  });

  it('keeps web pages only', () => {
    expect(webUrl('http://a.example/')?.hostname).toBe('a.example');
    expect(webUrl('https://a.example/')?.hostname).toBe('a.example');
    expect(webUrl('file:///tmp/a.html')).toBeNull();
    expect(webUrl('about:blank')).toBeNull();
    expect(webUrl('moz-extension://x/popup.html')).toBeNull();
  });

  it('finds the site of web pages only, lower-cased', () => {
    expect(siteOf('https://News.Example/a?q=1')).toBe('news.example');
    expect(siteOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(siteOf('chrome://settings')).toBeNull();
    expect(siteOf('file:///tmp/a.html')).toBeNull();
    expect(siteOf('garbage')).toBeNull();
    expect(siteOf(null)).toBeNull();
    expect(siteOf(undefined)).toBeNull();
  });
});
