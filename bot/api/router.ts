/**
 * The tab's API, `/api/v1`: request → parse → use case → JSON. Every call carries a token that is
 * validated here (local demo token in local mode, Entra ID token in Microsoft 365 mode); the actor
 * is the token's `oid`, never a field of the request body. Filled in by the tab issue.
 */
import { Router } from 'express';
import type { Deps } from '../../core/app/context';
import type { Config } from '../config';

export interface TabApiOptions {
  config: Config;
  deps: Deps;
}

export function createTabApi(_options: TabApiOptions): Router {
  const router = Router();
  return router;
}
