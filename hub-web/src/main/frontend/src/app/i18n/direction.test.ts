import { describe, expect, it } from 'vitest';
import { directionOf } from './direction';

describe('directionOf', () => {
  it('reads right to left for Arabic and Dari', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa-AF')).toBe('rtl');
  });

  it('reads left to right for the other languages of the settled, Kurmanji included', () => {
    for (const tag of ['nb', 'en', 'uk', 'ti', 'so', 'ku']) {
      expect(directionOf(tag), tag).toBe('ltr');
    }
  });
});
