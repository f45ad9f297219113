/**
 * In development only: checks each answer of `/api/v1` against its shape in core/api and says on
 * the console where it differs, so that a server change the tab does not know about shows up where
 * it happens. The schemas (and zod) are loaded on demand inside `if (import.meta.env.DEV)`: a
 * production build replaces the condition with `false` and drops the branch with its import, so
 * the tab's bundle carries neither (tests/tab/bundle.test.ts) and users see no difference.
 */

/**
 * `path` is under `/api/v1` (`/assets/12?cursor=…`). Never throws and never changes the answer: a
 * mismatch is a `console.error` naming the route and the place in the JSON.
 */
export async function checkAnswerInDevelopment(method: string, path: string, status: number, body: unknown): Promise<void> {
  if (import.meta.env.DEV) {
    try {
      const { checkAnswer } = await import('../../core/api/routes');
      const { route, issues } = checkAnswer(method, path, status, body);
      for (const issue of issues) {
        console.error(`/api/v1 ${method} ${path} → ${status} differs from its shape in core/api (${route}) at ${issue.path || '(the whole answer)'}: ${issue.message}`, body);
      }
    } catch (error) {
      console.error(`/api/v1 ${method} ${path}: could not check the answer against core/api`, error);
    }
  }
}
