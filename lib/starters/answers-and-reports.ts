/**
 * Starter 4: request and reply between two services through one bus. The User-Service publishes
 * AnswerEvents; the Security-Service's `rating` answers with a ReportEvent that only `reportRule`
 * matches, so the round trip ends (validation proves it with the functions' samples).
 */
import type { Design, NodeOfKind } from "@/lib/graph";
import { at, defaultBus, design, envelope, verdicts, lambda, rule, sample } from "./build";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export const ANSWER_SOURCE = "user-service.ddb-stream";
export const REPORT_SOURCE = "security-service.rating";

export function answersAndReports(): Design {
  return design({
    name: "Two services talking through one bus",
    description: "User-Service publishes each new answer as an AnswerEvent; the Security-Service's rating function replies with a ReportEvent that the User-Service stores for the front end's live subscription.",
    nodes: [
      {
        id: "answers-stream",
        kind: "dynamodb-stream",
        position: at(0, 0),
        reader: "event-source-mapping",
        batchSize: 100,
        filterCriteria: [],
        startingPosition: "LATEST",
        tableName: "UserAnswers",
        notes: "User-Service: the table of each user's answers; its stream carries every new or changed answer.",
      },
      lambda("publish-answer", at(1, 0), "publishAnswer", `User-Service stream function: puts each new or changed answer on the default bus as an AnswerEvent (source ${ANSWER_SOURCE}, detail {answer, state: "new"}). Needs events:PutEvents.`),
      defaultBus("default-bus", at(2, 1)),
      rule("answer-rule", at(3, 0), {
        name: "answerRule",
        description: "Answers go to the Security-Service's rating",
        pattern: { source: [ANSWER_SOURCE] },
        expectations: [...verdicts(["answer-event"], "match"), ...verdicts(["report-event"], "no-match")],
      }),
      rule("report-rule", at(3, 2), {
        name: "reportRule",
        description: "Reports go back to the User-Service",
        pattern: { source: [REPORT_SOURCE] },
        expectations: [...verdicts(["report-event"], "match"), ...verdicts(["answer-event"], "no-match")],
      }),
      lambda("rating", at(4, 0), "rating", `Security-Service: builds a report from the answer and puts a ReportEvent (source ${REPORT_SOURCE}, detail {report}) on the default bus. Needs events:PutEvents.`),
      lambda("get-report-event", at(4, 2), "getReportEvent", "User-Service: stores the report through a GraphQL mutation, which the front end's live subscription receives."),
      { id: "graphql-api", kind: "resource", position: at(5, 2), title: "User-Service GraphQL API (report mutation)" },
    ],
    links: [
      ["answers-stream", "publish-answer"],
      ["publish-answer", "default-bus"],
      ["default-bus", "answer-rule"],
      ["default-bus", "report-rule"],
      ["answer-rule", "rating"],
      ["rating", "default-bus"],
      ["report-rule", "get-report-event"],
      ["get-report-event", "graphql-api"],
    ],
    samples: [
      sample(
        "answer-event",
        "AnswerEvent (new answer of user-42)",
        "publish-answer",
        envelope({
          id: "c4a1e2b3-6d5f-4a7c-8e9b-0a1b2c3d4e41",
          source: ANSWER_SOURCE,
          detailType: "AnswerEvent",
          account: ACCOUNT,
          region: REGION,
          time: "2026-03-02T14:00:05Z",
          detail: { answer: { userId: "user-42", questionId: "mfa-enabled", value: "no" }, state: "new" },
        }),
      ),
      sample(
        "report-event",
        "ReportEvent (rating of user-42)",
        "rating",
        envelope({
          id: "d5b2f3c4-7e6a-4b8d-9f0c-1b2c3d4e5f42",
          source: REPORT_SOURCE,
          detailType: "ReportEvent",
          account: ACCOUNT,
          region: REGION,
          time: "2026-03-02T14:00:07Z",
          detail: { report: { userId: "user-42", score: 62, findings: ["Enable multi-factor authentication"] } },
        }),
      ),
    ],
  });
}

/** The broken variant: answerRule also matches ReportEvents, so rating answers its own reports forever. */
export function answersAndReportsWithLoop(): Design {
  const base = answersAndReports();
  return {
    ...base,
    nodes: base.nodes.map((node): typeof node =>
      node.id === "answer-rule"
        ? { ...(node as NodeOfKind<"rule">), trigger: { type: "pattern", pattern: JSON.stringify({ source: [ANSWER_SOURCE, REPORT_SOURCE] }, null, 2) } }
        : node,
    ),
  };
}
