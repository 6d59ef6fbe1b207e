# EventBridge resources of the Switchyard design "Cross-account".
# Note: Bus central is in account 222233334444: it is referred to by ARN, not created here.
# Note: Bus branch is in account 999900001111: it is referred to by ARN, not created here.
# Note: The dead-letter queue of CentralBusTarget exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: Rule branch-forward is on bus branch in account 999900001111 and is not created here.
# Note: The queue of UrgentTicketsQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The function of OpsPagerFunction is in another account: its owner grants rule instance-state lambda:InvokeFunction.
# Note: Bus central must allow events:PutEvents from account 111122223333 in its own account's policy.

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

variable "nightly_report_function_name" {
  type        = string
  description = "Name of the existing function nightly-report"
  default     = "nightly-report"
}

variable "instance_state_rule_role_arn" {
  type        = string
  description = "Role the rule instance-state uses"
  default     = "arn:aws:iam::111122223333:role/instance-state-rule"
}

variable "central_bus_target_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of CentralBusTarget (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-west-1:111122223333:forward-dlq"
}

variable "ops_pager_function_name" {
  type        = string
  description = "Name of the existing function ops-pager in account 555566667777"
  default     = "ops-pager"
}

variable "urgent_tickets_queue_name" {
  type        = string
  description = "Name of the existing queue urgent-tickets"
  default     = "urgent-tickets"
}

variable "my_cluster_arn" {
  type        = string
  description = "ARN of the MSK cluster my-cluster"
}

variable "kafka_consumer_function_name" {
  type        = string
  description = "Name of the existing function kafka-consumer"
  default     = "kafka-consumer"
}

resource "aws_cloudwatch_event_archive" "default_bus_archive" {
  name             = "everything"
  event_source_arn = "arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/default"
  retention_days   = 0
}

resource "aws_cloudwatch_event_bus" "inbox_bus" {
  name = "inbox"
}

resource "aws_cloudwatch_event_bus_policy" "inbox_bus_policy" {
  event_bus_name = aws_cloudwatch_event_bus.inbox_bus.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowPutEventsFromOtherAccounts"
        Effect = "Allow"
        Principal = {
          AWS = ["999900001111"]
        }
        Action   = "events:PutEvents"
        Resource = aws_cloudwatch_event_bus.inbox_bus.arn
      }
    ]
  })
}

resource "aws_cloudwatch_event_bus" "tickets_bus" {
  name              = "aws.partner/example.com/123456789012/tickets"
  event_source_name = "aws.partner/example.com/123456789012/tickets"
}

resource "aws_iam_role" "central_bus_target_events_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role_policy" "central_bus_target_events_role" {
  name = "deliver-events"
  role = aws_iam_role.central_bus_target_events_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = "arn:${data.aws_partition.current.partition}:events:eu-west-1:222233334444:event-bus/central"
      }
    ]
  })
}

resource "aws_cloudwatch_event_rule" "nightly_report_rule" {
  name                = "nightly-report"
  state               = "ENABLED"
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly_report_rule_target0" {
  rule      = aws_cloudwatch_event_rule.nightly_report_rule.name
  target_id = "report"
  arn       = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.nightly_report_function_name}"
}

resource "aws_cloudwatch_event_rule" "instance_state_rule" {
  name          = "instance-state"
  state         = "ENABLED"
  role_arn      = var.instance_state_rule_role_arn
  event_pattern = <<-PATTERN
    {
      "detail": {
        "state": [
          {
            "anything-but": ["running"]
          }
        ]
      },
      "detail-type": ["EC2 Instance State-change Notification"],
      "source": ["aws.ec2"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "instance_state_rule_target0" {
  rule      = aws_cloudwatch_event_rule.instance_state_rule.name
  target_id = "to-central"
  arn       = "arn:${data.aws_partition.current.partition}:events:eu-west-1:222233334444:event-bus/central"
  role_arn  = aws_iam_role.central_bus_target_events_role.arn

  retry_policy {
    maximum_event_age_in_seconds = 7200
    maximum_retry_attempts       = 5
  }

  dead_letter_config {
    arn = var.central_bus_target_dead_letter_queue_arn
  }
}

resource "aws_cloudwatch_event_target" "instance_state_rule_target1" {
  rule       = aws_cloudwatch_event_rule.instance_state_rule.name
  target_id  = "ops-pager"
  arn        = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:555566667777:function:${var.ops_pager_function_name}"
  input_path = "$.detail"
}

resource "aws_cloudwatch_event_rule" "urgent_tickets_rule" {
  name           = "urgent-tickets"
  event_bus_name = aws_cloudwatch_event_bus.tickets_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail": {
        "priority": ["high"]
      }
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "urgent_tickets_rule_target0" {
  rule           = aws_cloudwatch_event_rule.urgent_tickets_rule.name
  event_bus_name = aws_cloudwatch_event_bus.tickets_bus.name
  target_id      = "tickets-queue"
  arn            = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.urgent_tickets_queue_name}"
}

resource "aws_lambda_permission" "nightly_report_rule_nightly_report_function_permission" {
  statement_id  = "NightlyReportRuleNightlyReportFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.nightly_report_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.nightly_report_rule.arn
}

resource "aws_lambda_event_source_mapping" "orders_topic_kafka_consumer_function_mapping" {
  event_source_arn  = var.my_cluster_arn
  function_name     = var.kafka_consumer_function_name
  topics            = ["orders"]
  batch_size        = 100
  starting_position = "LATEST"

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "group-kafka"
  }
}

resource "aws_iam_role" "schedule_tick_scheduler_role" {
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

resource "aws_iam_role_policy" "schedule_tick_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.schedule_tick_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = "arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/default"
      }
    ]
  })
}

resource "aws_scheduler_schedule" "schedule_tick_schedule" {
  depends_on          = [aws_iam_role_policy.schedule_tick_scheduler_role]
  name                = "schedule-tick"
  schedule_expression = "rate(5 minutes)"
  state               = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/default"
    role_arn = aws_iam_role.schedule_tick_scheduler_role.arn

    eventbridge_parameters {
      detail_type = "Tick"
      source      = "com.example.scheduler"
    }
  }
}
