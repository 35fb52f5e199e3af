/**
 * One LMS session: sends what changed, commits (coalesced), retries failures with backoff, and terminates
 * exactly once. It knows SCORM only through `LmsConnection` and the pure mapping in cmi.ts.
 */
import type { Scorm12StatusMode } from '../course/types.ts';
import type { LmsConnection } from './connection.ts';
import { interactionWrites, sessionTimeWrite, stateWrites12, stateWrites2004, type CmiWrites, type InteractionRecord } from './cmi.ts';
import type { LaunchData } from './launch.ts';
import type { CourseRecord } from './record.ts';

export type SaveStatus = 'saved' | 'saving' | 'retrying';

export interface SessionOptions {
  scorm12Status: Scorm12StatusMode;
  /** Delay that coalesces a burst of changes into one commit. */
  commitDelayMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

export class LmsSession {
  private readonly sent = new Map<string, string>();
  /** Writes not yet accepted by the LMS, in order; resent on the next try. */
  private pending: CmiWrites = [];
  private nextInteraction: number;
  private readonly objectiveSlots: string[];
  private readonly startedAt: number;
  private timer: unknown = null;
  private failures = 0;
  private terminated = false;
  private readonly listeners = new Set<(status: SaveStatus) => void>();
  status: SaveStatus = 'saved';
  commits = 0;
  failedCommits = 0;

  constructor(
    readonly conn: LmsConnection,
    readonly launch: LaunchData,
    private readonly options: SessionOptions,
  ) {
    this.nextInteraction = launch.interactionCount;
    this.objectiveSlots = [...launch.objectiveIds];
    this.startedAt = this.now();
    // Exit "suspend" from the start: if the window dies without a goodbye, the LMS still keeps suspend_data.
    const exit: [string, string] = conn.kind === '1.2' ? ['cmi.core.exit', 'suspend'] : ['cmi.exit', 'suspend'];
    this.queue([exit]);
  }

  /** Element names follow 2004 on a device without an LMS. */
  private get version(): '1.2' | '2004' {
    return this.conn.kind === '1.2' ? '1.2' : '2004';
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  /** Results are sent only in normal mode with credit; browse, review and no-credit sessions record nothing. */
  get recordsResults(): boolean {
    return this.launch.mode === 'normal' && this.launch.credit === 'credit';
  }

  onStatus(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private setStatus(status: SaveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const l of this.listeners) l(status);
  }

  private objectiveIndex = (id: string): number => {
    let index = this.objectiveSlots.indexOf(id);
    if (index === -1) index = this.objectiveSlots.push(id) - 1;
    return index;
  };

  /** Sends the elements of the record that differ from what the LMS already accepted. */
  update(record: CourseRecord): void {
    if (this.terminated) return;
    const all =
      this.conn.kind === '1.2'
        ? stateWrites12(record, this.options.scorm12Status, this.launch.recorded, this.objectiveIndex)
        : stateWrites2004(record, this.launch.recorded, this.objectiveIndex);
    const resultElement = /^cmi\.(core\.lesson_status|core\.score|score|completion_status|success_status|progress_measure|objectives)/;
    const writes = this.recordsResults ? all : all.filter(([element]) => !resultElement.test(element));
    this.queue(writes.filter(([element, value]) => this.sent.get(element) !== value));
  }

  recordInteractions(interactions: InteractionRecord[]): void {
    if (this.terminated || !this.recordsResults) return;
    for (const interaction of interactions) this.queue(interactionWrites(this.version, this.nextInteraction++, interaction));
  }

  private queue(writes: CmiWrites): void {
    if (writes.length === 0) return;
    this.pending.push(...writes);
    this.scheduleCommit(this.failures > 0 ? null : (this.options.commitDelayMs ?? 250));
  }

  private scheduleCommit(delay: number | null): void {
    if (this.timer !== null || delay === null) return;
    this.setStatus(this.failures > 0 ? 'retrying' : 'saving');
    const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.timer = set(() => {
      this.timer = null;
      this.flush();
    }, delay);
  }

  /** Sends pending writes and commits now. Returns true when the LMS accepted everything. */
  flush(): boolean {
    if (this.terminated) return false;
    this.cancelTimer();
    const ok = this.sendPending() && this.commit();
    if (ok) {
      this.failures = 0;
      this.setStatus('saved');
    } else {
      this.failures++;
      this.setStatus('retrying');
      const delay = RETRY_DELAYS_MS[Math.min(this.failures - 1, RETRY_DELAYS_MS.length - 1)]!;
      const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
      this.timer = set(() => {
        this.timer = null;
        this.flush();
      }, delay);
    }
    return ok;
  }

  private sendPending(): boolean {
    // Collapse repeated writes of one element to the last value, keeping first-write order (ids before fields).
    const latest = new Map<string, string>();
    for (const [element, value] of this.pending) latest.set(element, value);
    const failed: CmiWrites = [];
    for (const [element, value] of latest) {
      if (this.conn.setValue(element, value)) this.sent.set(element, value);
      else failed.push([element, value]);
    }
    this.pending = failed;
    return failed.length === 0;
  }

  private commit(): boolean {
    const [element, value] = sessionTimeWrite(this.version, this.now() - this.startedAt);
    this.conn.setValue(element, value);
    this.commits++;
    const ok = this.conn.commit();
    if (!ok) this.failedCommits++;
    return ok;
  }

  private cancelTimer(): void {
    if (this.timer !== null) (this.options.clearTimer ?? ((h) => clearTimeout(h as number)))(this.timer);
    this.timer = null;
  }

  /**
   * Ends the session exactly once (learner's exit or pagehide). 1.2: commit, then LMSFinish. 2004: no Commit
   * right before Terminate (some LMSs reject it; Terminate commits), and adl.nav.request = suspendAll first.
   */
  terminate(): void {
    if (this.terminated) return;
    this.cancelTimer();
    if (this.conn.kind === '1.2') {
      this.flush();
      this.cancelTimer();
    } else {
      this.sendPending();
      const [element, value] = sessionTimeWrite('2004', this.now() - this.startedAt);
      this.conn.setValue(element, value);
      if (this.conn.kind === '2004') this.conn.setValue('adl.nav.request', 'suspendAll');
    }
    this.terminated = true;
    this.conn.terminate();
  }
}
