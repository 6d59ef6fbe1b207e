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
