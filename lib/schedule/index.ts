export {
  nextFireTime,
  parseScheduleExpression,
  scheduleExpressionProblem,
  ScheduleExpressionError,
  type NextFireOptions,
  type Schedule,
  type ScheduleOptions,
} from "./expression";
export { isTimeZone } from "./time-zone";
export { ManualClock, systemClock, type Clock } from "./clock";
export { FireTimer } from "./timer";
export {
  fillContextAttributes,
  flexibleOffsetMs,
  occurrenceAfter,
  scheduledTimeText,
  upcomingFires,
  type ContextAttributes,
  type ScheduleBounds,
  type UpcomingFire,
} from "./occurrences";
export { wallTimeAt } from "./time-zone";
