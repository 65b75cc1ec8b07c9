import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

const ROUTES = { '/': 'home', '/facilities': 'list', '/facilities/new': 'new', '/facilities/:id': 'one', '/facilities/:id/edit': 'edit' };

describe('matchRoute', () => {
  it('prefers an exact path to a pattern', () => {
    expect(matchRoute(ROUTES, '/facilities/new')).toEqual({ route: 'new', params: {} });
  });

  it('fills parameters, decoded, and ignores a trailing slash', () => {
    expect(matchRoute(ROUTES, '/facilities/a%20b/')).toEqual({ route: 'one', params: { id: 'a b' } });
    expect(matchRoute(ROUTES, '/facilities/x1/edit')).toEqual({ route: 'edit', params: { id: 'x1' } });
  });

  it('matches nothing for an empty parameter, extra segments or bad escapes', () => {
    expect(matchRoute(ROUTES, '/facilities//edit')).toBeUndefined();
    expect(matchRoute(ROUTES, '/facilities/x/edit/more')).toBeUndefined();
    expect(matchRoute(ROUTES, '/facilities/%E0%A4%A')).toBeUndefined();
  });

  it('keeps the root route', () => {
    expect(matchRoute(ROUTES, '/')).toEqual({ route: 'home', params: {} });
  });
});
