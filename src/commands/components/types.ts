import type { RemoteHost } from '../../shared/remote/index.js';
import type { Log } from '../../shared/report/log.js';
import type { ComponentName, Settings } from '../../shared/settings/index.js';
import type {
  ComponentRecord,
  ComponentResult,
  PartialSnapshot,
  RetentionPolicy,
} from '../../shared/snapshot/index.js';

export type { ComponentName };

/** What every component turns into its connections: the host session, the settings, the log. */
export interface ComponentContext {
  readonly host: RemoteHost;
  readonly settings: Settings;
  readonly log: Log;
  /** Take every part again, even what could be reused (OpenSearch's snapshot of the day). */
  readonly force?: boolean;
  /** The snapshot's label when it is not a daily one (`pre-restore-20261201T101500Z`). */
  readonly label?: string;
}

/** One part of a snapshot (PostgreSQL, OpenSearch, secrets, git), as the snapshot run sees it. */
export interface SnapshotComponent {
  readonly name: ComponentName;
  /** The log group its work is shown under ('PostgreSQL'). */
  readonly title: string;
  /**
   * Its data lives outside the snapshot directory (the OpenSearch repository), where it can vanish
   * without the files noticing: a reused day needs this component prepared to check it again.
   */
  readonly keepsDataOutside?: boolean;
  /** Preconditions (tools, connections, repository, credentials, disk): run for every component before the first byte of any is written. */
  prepare(ctx: ComponentContext): Promise<PreparedComponent>;
}

/** A component whose preconditions hold, holding its connections until `close`. */
export interface PreparedComponent {
  take(partial: PartialSnapshot): Promise<ComponentResult>;
  /**
   * Null when the part of today's verified snapshot this component recorded still answers this
   * run; otherwise why not, in one sentence. Absent: the snapshot's files say it all.
   */
  whyNotReusable?(recorded: ComponentRecord): Promise<string | null>;
  /** Retention of what the component keeps outside the snapshot directory (the OpenSearch repository); one line for the report. */
  retain?(policy: RetentionPolicy, protectDate: string): Promise<string>;
  close(): Promise<void>;
}
