# EventBridge resources of the Switchyard design "Two services talking through one bus".
# Note: Function publishAnswer puts events on bus default: its execution role needs events:PutEvents on that bus.
# Note: Function rating puts events on bus default: its execution role needs events:PutEvents on that bus.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

variable "rating_function_name" {
  type        = string
  description = "Name of the existing function rating"
  default     = "rating"
}

variable "get_report_event_function_name" {
  type        = string
  description = "Name of the existing function getReportEvent"
  default     = "getReportEvent"
}

variable "user_answers_table_stream_arn" {
  type        = string
  description = "Stream ARN of the DynamoDB table UserAnswers"
}

variable "publish_answer_function_name" {
  type        = string
  description = "Name of the existing function publishAnswer"
  default     = "publishAnswer"
}

resource "aws_cloudwatch_event_rule" "answer_rule_rule" {
  name          = "answerRule"
  description   = "Answers go to the Security-Service's rating"
  state         = "ENABLED"
  event_pattern = <<-PATTERN
    {
      "source": ["user-service.ddb-stream"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "answer_rule_rule_target0" {
  rule      = aws_cloudwatch_event_rule.answer_rule_rule.name
  target_id = "rating"
  arn       = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rating_function_name}"
}

resource "aws_cloudwatch_event_rule" "report_rule_rule" {
  name          = "reportRule"
  description   = "Reports go back to the User-Service"
  state         = "ENABLED"
  event_pattern = <<-PATTERN
    {
      "source": ["security-service.rating"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "report_rule_rule_target0" {
  rule      = aws_cloudwatch_event_rule.report_rule_rule.name
  target_id = "get-report-event"
  arn       = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.get_report_event_function_name}"
}

resource "aws_lambda_permission" "answer_rule_rule_rating_function_permission" {
  statement_id  = "AnswerRuleRuleRatingFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rating_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.answer_rule_rule.arn
}

resource "aws_lambda_permission" "report_rule_rule_get_report_event_function_permission" {
  statement_id  = "ReportRuleRuleGetReportEventFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.get_report_event_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.report_rule_rule.arn
}

resource "aws_lambda_event_source_mapping" "user_answers_table_publish_answer_function_mapping" {
  event_source_arn  = var.user_answers_table_stream_arn
  function_name     = var.publish_answer_function_name
  batch_size        = 100
  starting_position = "LATEST"
}
