/**
 * One LMS session: sends what changed, commits (coalesced), retries failures with backoff, keeps a local copy of
 * what the LMS has not committed, and terminates exactly once. It knows SCORM only through `LmsConnection` and
 * the pure mapping in cmi.ts.
 *
 * Many LMS APIs are synchronous: each call can block the page for as long as the LMS's server takes. A save
 * therefore runs in slices: after any call that used up the slice, the session yields to the browser before the
 * next one, so input never waits longer than one call. Only the goodbye (pagehide, Exit) sends everything at once.
 */
import type { Scorm12StatusMode } from '../course/types.ts';
import type { LocalBackup } from './backup.ts';
import type { LmsConnection } from './connection.ts';
import {
  interactionWrites,
  sessionTimeWrite,
  standIn,
  stateWrites12,
  stateWrites2004,
  type CmiWrites,
  type InteractionRecord,
} from './cmi.ts';
import type { LaunchData } from './launch.ts';
import type { CourseRecord } from './record.ts';

export type SaveStatus = 'saved' | 'saving' | 'retrying';

export interface SessionOptions {
  scorm12Status: Scorm12StatusMode;
  /** Delay that coalesces a burst of changes into one commit. */
  commitDelayMs?: number;
  /** A save yields to the browser once its calls have taken this long (a slow, synchronous LMS). */
  sliceMs?: number;
  /** Where uncommitted writes are kept on the device (none: memory only). */
  backup?: LocalBackup;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const SUSPEND_DATA = 'cmi.suspend_data';
/** The course's status elements (1.2 and 2004). */
const STATUS = /^cmi\.(core\.lesson_status|completion_status|success_status)$/;
const LESSON_STATUS_12 = 'cmi.core.lesson_status';
const SCORE_12 = 'cmi.core.score.raw';
/** The course's score elements (not the objectives' scores). */
const COURSE_SCORE = /^cmi\.(core\.)?score\./;
/** SetValue errors about the value itself, which no retry can fix (1.2 and 2004 error codes). */
const NEVER_ACCEPTED = {
  '1.2': new Set(['201', '401', '402', '403', '404', '405']),
  '2004': new Set(['401', '402', '404', '405', '406', '407', '408']),
};

export class LmsSession {
  /** What the LMS holds (accepted by SetValue, or handed over at launch). */
  private readonly sent = new Map<string, string>();
  /** Writes the LMS has not accepted yet, latest value per element, in first-write order (ids before fields). */
  private readonly pending = new Map<string, string>();
  /** Writes since the last successful commit: what an outage or a killed tab could lose. */
  private readonly unsaved = new Map<string, string>();
  private nextInteraction: number;
  private readonly objectiveSlots: string[];
  private readonly startedAt: number;
  private timer: unknown = null;
  /** The session time of this save is set; the Commit comes next. */
  private timeSet = false;
  private failures = 0;
  /** A status was set since the last successful commit (the score waits for that commit). */
  private statusUncommitted = false;
  /** Real values to set again once the LMS has committed a stand-in for them (see failed()). */
  private readonly afterStandIn = new Map<string, string>();
  private terminated = false;
  /** The suspend_data the LMS holds as of its last successful commit (the base of the device copy). */
  private committedSuspendData: string;
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
    this.committedSuspendData = launch.suspendData;
    // What the LMS handed over needs no second write: a relaunch that changes nothing sends nothing.
    const v12 = conn.kind === '1.2';
    this.sent.set(SUSPEND_DATA, launch.suspendData);
    this.sent.set(this.locationElement, launch.location);
    if (v12) this.sent.set('cmi.core.lesson_status', launch.recorded.lessonStatus12);
    else {
      this.sent.set('cmi.completion_status', launch.recorded.completion2004);
      this.sent.set('cmi.success_status', launch.recorded.success2004);
    }
    // Exit "suspend" from the start: if the window dies without a goodbye, the LMS still keeps suspend_data.
    this.queue([[v12 ? 'cmi.core.exit' : 'cmi.exit', 'suspend']]);
  }

  private get locationElement(): string {
    return this.conn.kind === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location';
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

  /** The last value the LMS accepted for an element, if any (read-only, for the diagnostics panel). */
  acceptedValue(element: string): string | undefined {
    return this.sent.get(element);
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

  /**
   * The index of an objective: where the LMS has it, else the first slot the LMS holds without an id (a save that
   * failed after some of an objective's fields were stored), else a new one.
   */
  private objectiveIndex = (id: string): number => {
    let index = this.objectiveSlots.indexOf(id);
    if (index === -1) index = this.objectiveSlots.indexOf('');
    if (index === -1) index = this.objectiveSlots.length;
    this.objectiveSlots[index] = id;
    return index;
  };

  /** Sends the elements of the record that differ from what the LMS already holds. */
  update(record: CourseRecord): void {
    // Review and browse show a finished record: even the bookmark stays as the LMS has it.
    if (this.terminated || this.launch.mode !== 'normal') return;
    const all =
      this.conn.kind === '1.2'
        ? stateWrites12(record, this.options.scorm12Status, this.launch.recorded, this.objectiveIndex)
        : stateWrites2004(record, this.launch.recorded, this.objectiveIndex);
    const resultElement =
      /^cmi\.(core\.lesson_status|core\.score|score|completion_status|success_status|progress_measure|objectives)/;
    this.queue(this.recordsResults ? all : all.filter(([element]) => !resultElement.test(element)));
  }

  recordInteractions(interactions: InteractionRecord[]): void {
    if (this.terminated || !this.recordsResults) return;
    for (const interaction of interactions)
      this.queue(interactionWrites(this.version, this.nextInteraction++, interaction));
  }

  /**
   * Sends again what an earlier launch kept on the device because the LMS never committed it: the bookmark as it
   * was, and the answer records numbered after the interactions the LMS has now.
   */
  replay(writes: CmiWrites): void {
    if (this.terminated || this.launch.mode !== 'normal') return;
    const renumbered = new Map<string, number>();
    const again: CmiWrites = [];
    for (const [element, value] of writes) {
      const match = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
      if (!match) {
        // Only this version's bookmark elements (a copy could come from the other package of the course).
        if (element === SUSPEND_DATA || element === this.locationElement) again.push([element, value]);
        continue;
      }
      if (!this.recordsResults) continue;
      let index = renumbered.get(match[1]!);
      if (index === undefined) renumbered.set(match[1]!, (index = this.nextInteraction++));
      again.push([`cmi.interactions.${index}.${match[2]}`, value]);
    }
    this.queue(again);
  }

  private queue(writes: CmiWrites): void {
    let changed = false;
    for (const [element, value] of writes) {
      if (this.afterStandIn.has(element)) {
        // The stand-in goes first; the real value, whatever it is by then, follows it (and the device keeps it).
        if (this.afterStandIn.get(element) === value) continue;
        this.afterStandIn.set(element, value);
        this.unsaved.set(element, value);
        changed = true;
        continue;
      }
      const latest = this.pending.has(element) ? this.pending.get(element) : this.sent.get(element);
      if (latest === value) continue;
      // Back to what the LMS holds: the stale pending value must not be sent after all.
      if (this.sent.get(element) === value) this.pending.delete(element);
      else this.pending.set(element, value);
      this.unsaved.set(element, value);
      changed = true;
    }
    if (!changed) return;
    this.keepBackup();
    // During an outage the retry timer is already set and the status stays "retrying".
    if (this.timer === null && this.failures === 0) {
      this.setStatus('saving');
      this.timer = this.setTimer(() => this.saveSlice(), this.options.commitDelayMs ?? 250);
    }
  }

  private setTimer(fn: () => void, ms: number): unknown {
    return (this.options.setTimer ?? ((f, t) => setTimeout(f, t)))(fn, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) (this.options.clearTimer ?? ((h) => clearTimeout(h as number)))(this.timer);
    this.timer = null;
  }

  /** One slice of a save: the first call always runs; later calls only while the slice lasts. */
  private saveSlice(): void {
    this.timer = null;
    if (this.terminated) return;
    const started = this.now();
    let calls = 0;
    const mayCall = () => calls++ === 0 || this.now() - started < (this.options.sliceMs ?? 50);
    const yieldNow = () => {
      this.timer = this.setTimer(() => this.saveSlice(), 0);
    };
    while (this.nextSendable()) {
      if (!mayCall()) return yieldNow();
      if (!this.sendNext()) return this.failed();
    }
    if (!this.timeSet) {
      if (!mayCall()) return yieldNow();
      this.setSessionTime();
    }
    if (!mayCall()) return yieldNow();
    if (!this.commit()) return this.failed();
    if (this.pending.size === 0) return this.succeeded();
    // Writes held for this commit (the score after a status change) go in a commit of their own, at once.
    this.committed();
    this.timer = this.setTimer(() => this.saveSlice(), 0);
  }

  /**
   * In 1.2 the course score waits while a status change has not been committed. Moodle's 1.2 player sends the
   * score before the status inside one commit, and its completion check (run for the score) then still sees the
   * old status; a score sent after the status is committed triggers the check with the new status in place.
   * Moodle's "Force completed" also fails every 1.2 commit whose score arrives while the stored status is still
   * "incomplete". 2004 needs neither (Moodle's 2004 player re-sends the score with every commit), and an extra
   * commit costs it dearly: each one posts the whole record, and when the tab closes Moodle sends each as a
   * beacon, which the browser drops once 64 KiB are in flight (MOODLE-FINDINGS §10).
   */
  private isHeld(element: string): boolean {
    return (
      this.conn.kind === '1.2' &&
      COURSE_SCORE.test(element) &&
      (this.statusUncommitted || [...this.pending.keys()].some((e) => STATUS.test(e)))
    );
  }

  /** The next write to send now, or null when only held writes are left (they need a commit first). */
  private nextSendable(): [string, string] | null {
    for (const entry of this.pending) if (!this.isHeld(entry[0])) return entry;
    return null;
  }

  private sendNext(): boolean {
    const [element, value] = this.nextSendable()!;
    if (!this.conn.setValue(element, value)) {
      // A value the LMS can never take (wrong type, read-only, ...) would block every later save: it is dropped,
      // and its error stays in conn.errors for the diagnostics. Anything else may be an outage: keep and retry.
      if (!NEVER_ACCEPTED[this.version].has(this.conn.errors.at(-1)?.code ?? '')) return false;
      this.pending.delete(element);
      return true;
    }
    this.pending.delete(element);
    this.sent.set(element, value);
    if (STATUS.test(element)) this.statusUncommitted = true;
    return true;
  }

  /**
   * Sends what is not held. Stops at the first refusal: the rest would fail too in an outage, and order matters
   * (ids first).
   */
  private sendSendable(): boolean {
    while (this.nextSendable()) if (!this.sendNext()) return false;
    return true;
  }

  /** Sends everything; held writes after a commit of what holds them. */
  private sendAll(): boolean {
    // A few rounds at most: stand-ins, then real values; held scores after a status.
    for (let round = 0; round < 6; round++) {
      if (!this.sendSendable()) return false;
      if (this.pending.size === 0 && this.afterStandIn.size === 0) return true;
      this.setSessionTime();
      if (!this.commit()) return false;
    }
    return this.pending.size === 0;
  }

  private setSessionTime(): void {
    const [element, value] = sessionTimeWrite(this.version, this.now() - this.startedAt);
    this.conn.setValue(element, value);
    this.timeSet = true;
  }

  private commit(): boolean {
    this.timeSet = false;
    this.commits++;
    const ok = this.conn.commit();
    if (!ok) {
      this.failedCommits++;
      return false;
    }
    this.statusUncommitted = false;
    for (const [element, value] of this.afterStandIn) {
      if (this.pending.has(element)) continue; // its stand-in has not been sent yet (a score held for a status)
      this.pending.set(element, value);
      this.unsaved.set(element, value);
      this.afterStandIn.delete(element);
    }
    return true;
  }

  /** The LMS committed what was sent: only what is still pending could now be lost. */
  private committed(): void {
    this.failures = 0;
    this.committedSuspendData = this.sent.get(SUSPEND_DATA) ?? '';
    for (const element of this.unsaved.keys()) if (!this.pending.has(element)) this.unsaved.delete(element);
    this.keepBackup();
  }

  private succeeded(): void {
    this.committed();
    this.setStatus('saved');
  }

  /**
   * After a failed save, everything written since the last successful commit is sent again: the LMS may have
   * dropped any of it (a 2004 player that re-sends only what is set again, an LMS that lost the request, a Moodle
   * that failed halfway through storing a request). Moodle's 1.2 player needs more: it counts a failed request's
   * values as posted and posts a value again only when it changes (scores compared as numbers), so the same value
   * set again never reaches it (tests/lms/MOODLE-FINDINGS.md §4). A value that has a stand-in (cmi.ts, 1.2
   * only: scores, statuses, objective ids and suspend_data) is therefore sent as its stand-in first and, once that
   * is committed, as it really is: both reach the database, the real one last. A lost 1.2 course status also brings
   * the course score after it, because Moodle checks activity completion when a score arrives. Values with no
   * stand-in (the bookmark, answer records, everything in 2004) are sent again as they are; the 1.2 bookmark reaches
   * Moodle with the learner's next step, and an answer record that a failed request cut short stays incomplete
   * there.
   */
  private failed(): void {
    this.failures++;
    const again = new Map<string, string>();
    const stepAside = (element: string, real: string): boolean => {
      const stand = standIn(this.version, element, real);
      if (stand === null) return false;
      again.set(element, stand);
      this.afterStandIn.set(element, real);
      return true;
    };
    let statusStepsAside = false;
    for (const [element, value] of this.unsaved) {
      const latest = this.pending.get(element) ?? value;
      const accepted = this.sent.get(element) === latest;
      this.sent.delete(element);
      if (this.afterStandIn.has(element)) continue; // its stand-in is pending or was sent: the real value follows
      if (accepted && stepAside(element, latest)) statusStepsAside ||= element === LESSON_STATUS_12;
      else again.set(element, latest);
    }
    const score = this.sent.get(SCORE_12);
    if (statusStepsAside && score !== undefined && !this.afterStandIn.has(SCORE_12)) {
      this.sent.delete(SCORE_12);
      stepAside(SCORE_12, score);
    }
    for (const [element, value] of this.pending) if (!again.has(element)) again.set(element, value);
    this.pending.clear();
    for (const entry of again) this.pending.set(...entry);
    this.setStatus('retrying');
    this.keepBackup();
    const delay = RETRY_DELAYS_MS[Math.min(this.failures - 1, RETRY_DELAYS_MS.length - 1)]!;
    this.timer = this.setTimer(() => this.saveSlice(), delay);
  }

  /** The device copy follows `unsaved`, on top of the suspend_data the LMS has committed. */
  private keepBackup(): void {
    this.options.backup?.save([...this.unsaved], this.committedSuspendData);
  }

  /** Sends everything and commits now, in one go (the page is being hidden; tests). True when the LMS accepted. */
  flush(): boolean {
    if (this.terminated) return false;
    // Nothing the LMS lacks: no request. (A tab being hidden flushes, and then Moodle's 2004 player would send its
    // whole record as a beacon, within the browser's 64 KiB for beacons in flight that Terminate needs too.)
    if (this.unsaved.size === 0 && this.pending.size === 0 && this.afterStandIn.size === 0) return true;
    this.cancelTimer();
    let ok = this.sendAll();
    if (ok) {
      this.setSessionTime();
      ok = this.commit();
    }
    if (ok) this.succeeded();
    else this.failed();
    return ok;
  }

  /**
   * Ends the session exactly once (learner's exit or pagehide). 1.2: commit, then LMSFinish. 2004: no Commit
   * right before Terminate (some LMSs reject it; Terminate commits), and adl.nav.request = suspendAll first.
   * Returns true when the LMS took everything; otherwise the device copy keeps it for the next launch.
   */
  terminate(): boolean {
    if (this.terminated) return this.unsaved.size === 0;
    this.cancelTimer();
    const sentAll = this.sendAll();
    this.setSessionTime();
    if (this.conn.kind === '1.2') {
      if (sentAll) this.commit();
    } else if (this.conn.kind === '2004') {
      this.conn.setValue('adl.nav.request', 'suspendAll');
    }
    this.terminated = true;
    const ok = this.conn.terminate() && sentAll;
    if (ok) this.succeeded();
    else this.keepBackup();
    return ok;
  }
}
