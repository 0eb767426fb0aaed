import { describe, expect, it } from 'vitest';
import { nextSort, sortParam } from './useListState';

describe('sorting', () => {
  it('flips the sorted column and sorts a new column ascending', () => {
    expect(nextSort({ field: 'name', desc: false }, 'name')).toEqual({ field: 'name', desc: true });
    expect(nextSort({ field: 'name', desc: true }, 'email')).toEqual({ field: 'email', desc: false });
  });

  it('writes the API sort parameter', () => {
    expect(sortParam({ field: 'created_at', desc: true })).toBe('-created_at');
    expect(sortParam({ field: 'name', desc: false })).toBe('name');
  });
});
