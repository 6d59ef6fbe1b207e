# EventBridge resources of the Switchyard design "Nightly report".
# Note: The topic of ReportOwnersTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
# Note: Schedule half-year-figures-reminder has ActionAfterCompletion DELETE: CloudFormation (and so CDK) cannot set it; Terraform can.

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

variable "report_owners_topic_name" {
  type        = string
  description = "Name of the existing topic report-owners"
  default     = "report-owners"
}

variable "nightly_report_state_machine_name" {
  type        = string
  description = "Name of the existing state machine nightly-report"
  default     = "nightly-report"
}

resource "aws_cloudwatch_event_bus" "reports_bus" {
  name = "reports"
}

resource "aws_cloudwatch_event_rule" "report_reminders_rule" {
  name           = "report-reminders"
  description    = "Reminders from the reporting schedules go to the report's owners"
  event_bus_name = aws_cloudwatch_event_bus.reports_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail-type": ["Report reminder"],
      "source": ["reports.scheduler"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "report_reminders_rule_target0" {
  rule           = aws_cloudwatch_event_rule.report_reminders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.reports_bus.name
  target_id      = "owners-topic"
  arn            = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.report_owners_topic_name}"
}

resource "aws_iam_role" "nightly_report_scheduler_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "scheduler.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy" "nightly_report_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.nightly_report_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.nightly_report_state_machine_name}"
      }
    ]
  })
}

resource "aws_iam_role" "half_year_figures_reminder_scheduler_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "scheduler.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy" "half_year_figures_reminder_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.half_year_figures_reminder_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = aws_cloudwatch_event_bus.reports_bus.arn
      }
    ]
  })
}

resource "aws_scheduler_schedule_group" "reports_schedule_group" {
  name = "reports"
}

resource "aws_scheduler_schedule" "nightly_report_schedule" {
  depends_on                   = [aws_iam_role_policy.nightly_report_scheduler_role]
  name                         = "nightly-report"
  description                  = "Builds yesterday's sales report every night at 02:00 Berlin time"
  group_name                   = aws_scheduler_schedule_group.reports_schedule_group.name
  schedule_expression          = "cron(0 2 * * ? *)"
  schedule_expression_timezone = "Europe/Berlin"
  state                        = "ENABLED"

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.nightly_report_state_machine_name}"
    role_arn = aws_iam_role.nightly_report_scheduler_role.arn
    input    = "{\n  \"report\": \"daily-sales\",\n  \"scheduledTime\": \"<aws.scheduler.scheduled-time>\",\n  \"schedule\": \"<aws.scheduler.schedule-arn>\",\n  \"execution\": \"<aws.scheduler.execution-id>\"\n}"

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 3
    }
  }
}

resource "aws_scheduler_schedule" "half_year_figures_reminder_schedule" {
  depends_on                   = [aws_iam_role_policy.half_year_figures_reminder_scheduler_role]
  name                         = "half-year-figures-reminder"
  description                  = "Reminds the report's owners once to check the half-year figures"
  group_name                   = aws_scheduler_schedule_group.reports_schedule_group.name
  schedule_expression          = "at(2027-06-30T09:00:00)"
  schedule_expression_timezone = "Europe/Berlin"
  state                        = "ENABLED"
  action_after_completion      = "DELETE"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_cloudwatch_event_bus.reports_bus.arn
    role_arn = aws_iam_role.half_year_figures_reminder_scheduler_role.arn
    input    = "{\n  \"text\": \"Check the half-year figures before the board meeting\",\n  \"scheduledTime\": \"<aws.scheduler.scheduled-time>\"\n}"

    eventbridge_parameters {
      detail_type = "Report reminder"
      source      = "reports.scheduler"
    }
  }
}
