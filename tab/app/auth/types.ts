/** How the tab gets tokens for `/api/v1`: the local demo sign-in, or Entra ID inside Teams. */
import type { TokenSource } from '../../api/client';

export interface Auth extends TokenSource {
  kind: 'local' | 'entra';
  /** Forget the signed-in person (local mode: back to the demo sign-in). */
  signOut(): void;
}

export class SignInRequired extends Error {
  override readonly name = 'SignInRequired';
}
