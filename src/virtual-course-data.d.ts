declare module 'virtual:course-data' {
  import type { CourseData } from './course/types.ts';
  const data: CourseData;
  export default data;
}
