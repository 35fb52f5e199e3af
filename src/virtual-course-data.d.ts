declare module 'virtual:course-data' {
  import type { CourseData } from './course/types.ts';
  const data: CourseData;
  export default data;
}

declare module 'virtual:course-data-loader' {
  import type { CourseData } from './course/types.ts';
  /**
   * The compiled course, fetched from the package's JSON asset in a build (the in-memory module in dev). In a
   * build the module pages' `html` is '' here: it comes from loadPageTexts().
   */
  export function loadCourseData(): Promise<CourseData>;
  /** The module pages' HTML as [module][page] in a build; null in dev, where loadCourseData() has it all. */
  export function loadPageTexts(): Promise<string[][] | null>;
}
