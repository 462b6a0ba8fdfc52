// Lessons: demo scripts a learner types, judged by the sandbox's state after each line.
export { openLesson, type OpenLessonOptions } from './lesson-run.js';
export { answerFor, lessonLine } from './lesson-answer.js';
export { lessonNames, lessonSandbox, lessonsDirectory, listLessons, loadLesson, type LessonListing } from './lesson-files.js';
export { defaultProgressFile, readProgress, restartProgress, type LessonProgress } from './lesson-progress.js';
