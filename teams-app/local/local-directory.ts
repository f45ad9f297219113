/**
 * The local directory, kept up to date with its files: `teams-app/local/seed/people.json` (and the
 * generated staff of a scale seed in the data folder). An edit — an account disabled, a guest added,
 * a new manager — takes effect within LOCAL_DIRECTORY_CHECK_MS, as a change in Entra ID does within
 * the Graph directory's minute (docs/security.md), without restarting `npm start`. A file that does
 * not parse is reported once and the last good directory is kept.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { StaticDirectory } from '../../core/adapters/directory/static-directory';
import type { Directory, Person } from '../../core/ports/directory';
import { loadDirectoryPeople, SCALE_PEOPLE_FILE, SEED_DIR } from './seed-data';

/** How often the files' modification times are looked at, at most. */
export const LOCAL_DIRECTORY_CHECK_MS = 2_000;

export interface LocalDirectoryOptions {
  dataDir: string | null;
  /** The folder of people.json (the seed folder unless a test gives another). */
  seedDir?: string;
  now?: () => number;
  /** Told when a file could not be read (the last good directory is kept). */
  onError?: (error: unknown) => void;
}

export class LocalDirectory implements Directory {
  private current: StaticDirectory;
  private stamp: string;
  private checkedAt: number;
  private readonly files: string[];
  private readonly now: () => number;

  constructor(private readonly options: LocalDirectoryOptions) {
    const seedDir = options.seedDir ?? SEED_DIR;
    this.files = [path.join(seedDir, 'people.json'), ...(options.dataDir ? [path.join(options.dataDir, SCALE_PEOPLE_FILE)] : [])];
    this.now = options.now ?? Date.now;
    this.current = new StaticDirectory(loadDirectoryPeople(options.dataDir, seedDir));
    this.stamp = this.stampOfFiles();
    this.checkedAt = this.now();
  }

  getPerson(aadObjectId: string): Promise<Person | null> {
    return this.fresh().getPerson(aadObjectId);
  }

  getPeople(aadObjectIds: string[]): Promise<Person[]> {
    return this.fresh().getPeople(aadObjectIds);
  }

  search(query: string, limit?: number): Promise<Person[]> {
    return this.fresh().search(query, limit);
  }

  reportsOf(managerAadObjectId: string): Promise<Person[]> {
    return this.fresh().reportsOf(managerAadObjectId);
  }

  private fresh(): StaticDirectory {
    const now = this.now();
    if (now - this.checkedAt < LOCAL_DIRECTORY_CHECK_MS) return this.current;
    this.checkedAt = now;
    const stamp = this.stampOfFiles();
    if (stamp === this.stamp) return this.current;
    try {
      this.current = new StaticDirectory(loadDirectoryPeople(this.options.dataDir, this.options.seedDir ?? SEED_DIR));
      this.stamp = stamp;
    } catch (error) {
      this.stamp = stamp; // reported once per change of the file
      this.options.onError?.(error);
    }
    return this.current;
  }

  /** Size and modification time of each file ("-" when absent). */
  private stampOfFiles(): string {
    return this.files
      .map((f) => {
        try {
          const s = statSync(f);
          return `${s.size}:${s.mtimeMs}`;
        } catch {
          return '-';
        }
      })
      .join('|');
  }
}
