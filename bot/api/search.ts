/**
 * `GET /search?q=&in=&before=&limit=`: one search across the registers, within words, at any list
 * size (core/app/search, docs/adr/016-search-within-words.md). The actor comes from the validated
 * token; an incident is found only by those who may see it.
 */
import type { Response, Router } from 'express';
import { SearchQuery } from '../../core/api';
import type { Actor } from '../../core/app/people';
import type { Deps } from '../../core/app/platform';
import { searchAll } from '../../core/app/search';
import { parseQuery } from './request';

type ActorResponse = Response<unknown, { actor: Actor }>;

export function mountSearchRoutes(router: Router, deps: Deps): void {
  router.get('/search', async (req, res: ActorResponse) => {
    res.json(await searchAll(deps, res.locals.actor, parseQuery(req, SearchQuery)));
  });
}
