import { describe, expect, it } from 'vitest';
import { covers, normaliseName, uncoveredAliases } from '../../src/coverage.js';

describe('covers', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['EXAMPLE.com', 'example.COM', true],
    ['example.com.', 'example.com', true],
    ['example.com', 'example.com.', true],
    ['example.com', 'www.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'WWW.Example.Com.', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['*.EXAMPLE.com', '*.example.com.', true],
    ['www.example.com', '*.example.com', false],
    ['*.a.example.com', '*.example.com', false],
    ['*.example.com', '*.a.example.com', false],
    ['*.example.com', 'wwwexample.com', false],
    ['*.example.com', 'www.example.org', false],
    ['*.com', 'example.com', true],
    ['w*.example.com', 'www.example.com', false],
    ['', 'example.com', false],
    ['example.com', '', false],
  ])('SAN %s covers alias %s: %s', (san, alias, expected) => {
    expect(covers(san, alias)).toBe(expected);
  });
});

describe('uncoveredAliases', () => {
  it('lists every alias no SAN covers, in the order given', () => {
    expect(
      uncoveredAliases(
        ['example.com', 'www.example.com', 'a.b.example.com', 'shop.example.org'],
        ['example.com', '*.example.com'],
      ),
    ).toEqual(['a.b.example.com', 'shop.example.org']);
  });
  it('is empty when everything is covered, and for no aliases', () => {
    expect(uncoveredAliases(['example.com', 'x.example.com'], ['*.example.com', 'example.com'])).toEqual([]);
    expect(uncoveredAliases([], ['example.com'])).toEqual([]);
  });
  it('covers nothing with no SANs', () => {
    expect(uncoveredAliases(['example.com'], [])).toEqual(['example.com']);
  });
});

describe('normaliseName', () => {
  it('lowercases, trims and drops one trailing dot', () => {
    expect(normaliseName(' WWW.Example.COM. ')).toBe('www.example.com');
  });
});
