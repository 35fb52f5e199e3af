declare module 'virtual:course-data' {
  import type { CourseData } from './course/types.ts';
  const data: CourseData;
  export default data;
}

declare module 'virtual:course-data-loader' {
  import type { CourseData } from './course/types.ts';
  /** The compiled course: fetched from the package's JSON asset in a build, the in-memory module in dev. */
  export function loadCourseData(): Promise<CourseData>;
}
