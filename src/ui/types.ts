import type { SnapshotFrom } from 'xstate';
import type { courseMachine, CourseEvent } from '../course/course.machine.ts';

export type CourseSnapshot = SnapshotFrom<typeof courseMachine>;
type Send = (event: CourseEvent) => void;
export interface ScreenProps {
  snapshot: CourseSnapshot;
  send: Send;
}
