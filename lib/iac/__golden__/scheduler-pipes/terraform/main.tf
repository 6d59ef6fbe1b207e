# EventBridge resources of the Switchyard design "scheduler-pipes".
# Note: Schedule renewal-reminder has ActionAfterCompletion DELETE: CloudFormation (and so CDK) cannot set it; Terraform can.
# Note: Schedule purge-exports calls s3:DeleteObject (a universal target): its role allows that action on every resource; narrow it to the resources its input names.
# Note: Pipe euro-payments reads MSK cluster payments-cluster: with IAM authentication its role also needs kafka-cluster:Connect, DescribeGroup, AlterGroup, DescribeTopic and ReadData; with SASL/SCRAM or mTLS add the Credentials, which the design does not hold.
# Note: Pipe legacy-orders reads a self-managed Kafka cluster: add its Credentials (Secrets Manager ARNs), ServerRootCaCertificate and Vpc, which the design does not hold; the role then needs secretsmanager:GetSecretValue on them.

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

variable "build_report_state_machine_name" {
  type        = string
  description = "Name of the existing state machine build-report"
  default     = "build-report"
}

variable "nightly_report_schedule_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of Schedule nightly-report (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-central-1:111122223333:report-dlq"
}

variable "reminders_fifo_queue_name" {
  type        = string
  description = "Name of the existing queue reminders.fifo"
  default     = "reminders.fifo"
}

variable "orders_source_queue_name" {
  type        = string
  description = "Name of the existing SQS queue orders"
  default     = "orders"
}

variable "crm_connection_arn" {
  type        = string
  description = "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS"
}

variable "count_clicks_function_name" {
  type        = string
  description = "Name of the existing function count-clicks"
  default     = "count-clicks"
}

variable "clicks_source_stream_name" {
  type        = string
  description = "Name of the existing Kinesis stream clicks"
  default     = "clicks"
}

variable "customers_table_stream_arn" {
  type        = string
  description = "Stream ARN of the DynamoDB table customers"
}

variable "shape_customer_function_name" {
  type        = string
  description = "Name of the existing function shape-customer"
  default     = "shape-customer"
}

variable "payments_archive_queue_name" {
  type        = string
  description = "Name of the existing queue payments-archive"
  default     = "payments-archive"
}

variable "payments_cluster_arn" {
  type        = string
  description = "ARN of the MSK cluster payments-cluster"
}

variable "score_payment_state_machine_name" {
  type        = string
  description = "Name of the existing express state machine score-payment"
  default     = "score-payment"
}

variable "order_stream_stream_name" {
  type        = string
  description = "Name of the existing stream order-stream"
  default     = "order-stream"
}

resource "aws_cloudwatch_event_bus" "orders_bus" {
  name = "orders"
}

resource "aws_cloudwatch_event_api_destination" "crm_lookup_api_destination" {
  name                = "crm-lookup"
  invocation_endpoint = "https://crm.example.com/customers"
  http_method         = "POST"
  connection_arn      = var.crm_connection_arn
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
        Resource = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.build_report_state_machine_name}"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = var.nightly_report_schedule_dead_letter_queue_arn
      }
    ]
  })
}

resource "aws_iam_role" "renewal_reminder_scheduler_role" {
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

resource "aws_iam_role_policy" "renewal_reminder_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.renewal_reminder_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.reminders_fifo_queue_name}"
      }
    ]
  })
}

resource "aws_iam_role" "purge_exports_scheduler_role" {
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

resource "aws_iam_role_policy" "purge_exports_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.purge_exports_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:DeleteObject"]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_role" "schedule_heartbeat_scheduler_role" {
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

resource "aws_iam_role_policy" "schedule_heartbeat_scheduler_role" {
  name = "invoke-target"
  role = aws_iam_role.schedule_heartbeat_scheduler_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = aws_cloudwatch_event_bus.orders_bus.arn
      }
    ]
  })
}

resource "aws_iam_role" "paid_orders_pipe_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pipes.amazonaws.com"
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

resource "aws_iam_role_policy" "paid_orders_pipe_role" {
  name = "run-pipe"
  role = aws_iam_role.paid_orders_pipe_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.orders_source_queue_name}"
      },
      {
        Effect   = "Allow"
        Action   = ["events:InvokeApiDestination"]
        Resource = aws_cloudwatch_event_api_destination.crm_lookup_api_destination.arn
      },
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = aws_cloudwatch_event_bus.orders_bus.arn
      }
    ]
  })
}

resource "aws_iam_role" "count_clicks_pipe_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pipes.amazonaws.com"
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

resource "aws_iam_role_policy" "count_clicks_pipe_role" {
  name = "run-pipe"
  role = aws_iam_role.count_clicks_pipe_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"]
        Resource = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.clicks_source_stream_name}"
      },
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.count_clicks_function_name}"
      }
    ]
  })
}

resource "aws_iam_role" "customer_changes_pipe_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pipes.amazonaws.com"
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

resource "aws_iam_role_policy" "customer_changes_pipe_role" {
  name = "run-pipe"
  role = aws_iam_role.customer_changes_pipe_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        Resource = var.customers_table_stream_arn
      },
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shape_customer_function_name}"
      },
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = aws_cloudwatch_event_bus.orders_bus.arn
      }
    ]
  })
}

resource "aws_iam_role" "euro_payments_pipe_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pipes.amazonaws.com"
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

resource "aws_iam_role_policy" "euro_payments_pipe_role" {
  name = "run-pipe"
  role = aws_iam_role.euro_payments_pipe_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"]
        Resource = var.payments_cluster_arn
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["states:StartSyncExecution"]
        Resource = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.score_payment_state_machine_name}"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.payments_archive_queue_name}"
      }
    ]
  })
}

resource "aws_iam_role" "legacy_orders_pipe_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pipes.amazonaws.com"
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

resource "aws_iam_role_policy" "legacy_orders_pipe_role" {
  name = "run-pipe"
  role = aws_iam_role.legacy_orders_pipe_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["execute-api:Invoke"]
        Resource = "arn:${data.aws_partition.current.partition}:execute-api:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:a1b2c3d4e5/prod/POST/enrich"
      },
      {
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.order_stream_stream_name}"
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
  description                  = "Builds yesterday's report"
  group_name                   = aws_scheduler_schedule_group.reports_schedule_group.name
  schedule_expression          = "cron(0 2 * * ? *)"
  schedule_expression_timezone = "Europe/Berlin"
  start_date                   = "2026-01-01T00:00:00Z"
  end_date                     = "2027-12-31T23:59:59Z"
  state                        = "ENABLED"

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.build_report_state_machine_name}"
    role_arn = aws_iam_role.nightly_report_scheduler_role.arn
    input    = "{\"report\": \"daily\", \"at\": \"<aws.scheduler.scheduled-time>\"}"

    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 5
    }

    dead_letter_config {
      arn = var.nightly_report_schedule_dead_letter_queue_arn
    }
  }
}

resource "aws_scheduler_schedule" "renewal_reminder_schedule" {
  depends_on                   = [aws_iam_role_policy.renewal_reminder_scheduler_role]
  name                         = "renewal-reminder"
  group_name                   = aws_scheduler_schedule_group.reports_schedule_group.name
  schedule_expression          = "at(2026-12-24T09:00:00)"
  schedule_expression_timezone = "Europe/Berlin"
  state                        = "ENABLED"
  action_after_completion      = "DELETE"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.reminders_fifo_queue_name}"
    role_arn = aws_iam_role.renewal_reminder_scheduler_role.arn
    input    = "{\"text\": \"Renew the certificate\"}"

    sqs_parameters {
      message_group_id = "reminders"
    }
  }
}

resource "aws_scheduler_schedule" "purge_exports_schedule" {
  depends_on          = [aws_iam_role_policy.purge_exports_scheduler_role]
  name                = "purge-exports"
  schedule_expression = "rate(1 day)"
  state               = "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:scheduler:::aws-sdk:s3:deleteObject"
    role_arn = aws_iam_role.purge_exports_scheduler_role.arn
    input    = "{\"Bucket\": \"exports\", \"Key\": \"stale/\"}"
  }
}

resource "aws_scheduler_schedule" "schedule_heartbeat_schedule" {
  depends_on          = [aws_iam_role_policy.schedule_heartbeat_scheduler_role]
  name                = "schedule-heartbeat"
  schedule_expression = "rate(5 minutes)"
  state               = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_cloudwatch_event_bus.orders_bus.arn
    role_arn = aws_iam_role.schedule_heartbeat_scheduler_role.arn
    input    = "{\"alive\": true}"

    eventbridge_parameters {
      detail_type = "Heartbeat"
      source      = "com.example.heartbeat"
    }
  }
}

resource "aws_pipes_pipe" "paid_orders_pipe" {
  depends_on    = [aws_iam_role_policy.paid_orders_pipe_role]
  name          = "paid-orders"
  description   = "Paid orders, enriched by the CRM, onto the orders bus"
  desired_state = "RUNNING"
  role_arn      = aws_iam_role.paid_orders_pipe_role.arn
  source        = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.orders_source_queue_name}"
  enrichment    = aws_cloudwatch_event_api_destination.crm_lookup_api_destination.arn
  target        = aws_cloudwatch_event_bus.orders_bus.arn

  source_parameters {
    filter_criteria {
      filter {
        pattern = "{\"body\":{\"status\":[\"PAID\"]}}"
      }
    }

    sqs_queue_parameters {
      batch_size                         = 10
      maximum_batching_window_in_seconds = 5
    }
  }

  enrichment_parameters {
    input_template = "{\"orderId\": <$.body.id>, \"customer\": <$.body.customer>}"
  }

  target_parameters {
    input_template = "{\"order\": <$.body>, \"tier\": <$.tier>}"

    eventbridge_event_bus_parameters {
      detail_type = "OrderPaid"
      source      = "com.example.orders"
    }
  }
}

resource "aws_pipes_pipe" "count_clicks_pipe" {
  depends_on    = [aws_iam_role_policy.count_clicks_pipe_role]
  name          = "count-clicks"
  desired_state = "STOPPED"
  role_arn      = aws_iam_role.count_clicks_pipe_role.arn
  source        = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.clicks_source_stream_name}"
  target        = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.count_clicks_function_name}"

  source_parameters {
    kinesis_stream_parameters {
      batch_size                         = 100
      maximum_batching_window_in_seconds = 10
      starting_position                  = "TRIM_HORIZON"
    }
  }
}

resource "aws_pipes_pipe" "customer_changes_pipe" {
  depends_on    = [aws_iam_role_policy.customer_changes_pipe_role]
  name          = "customer-changes"
  desired_state = "RUNNING"
  role_arn      = aws_iam_role.customer_changes_pipe_role.arn
  source        = var.customers_table_stream_arn
  enrichment    = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shape_customer_function_name}"
  target        = aws_cloudwatch_event_bus.orders_bus.arn

  source_parameters {
    filter_criteria {
      filter {
        pattern = "{\"eventName\":[\"INSERT\",\"MODIFY\"]}"
      }
    }

    dynamodb_stream_parameters {
      batch_size        = 25
      starting_position = "LATEST"
    }
  }

  target_parameters {
    eventbridge_event_bus_parameters {
      detail_type = "CustomerChanged"
      source      = "com.example.customers"
    }
  }
}

resource "aws_pipes_pipe" "euro_payments_pipe" {
  depends_on    = [aws_iam_role_policy.euro_payments_pipe_role]
  name          = "euro-payments"
  desired_state = "RUNNING"
  role_arn      = aws_iam_role.euro_payments_pipe_role.arn
  source        = var.payments_cluster_arn
  enrichment    = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.score_payment_state_machine_name}"
  target        = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.payments_archive_queue_name}"

  source_parameters {
    filter_criteria {
      filter {
        pattern = "{\"value\":{\"currency\":[\"EUR\"]}}"
      }
    }

    managed_streaming_kafka_parameters {
      batch_size        = 100
      consumer_group_id = "payments-pipe"
      starting_position = "TRIM_HORIZON"
      topic_name        = "payments"
    }
  }
}

resource "aws_pipes_pipe" "legacy_orders_pipe" {
  depends_on    = [aws_iam_role_policy.legacy_orders_pipe_role]
  name          = "legacy-orders"
  desired_state = "RUNNING"
  role_arn      = aws_iam_role.legacy_orders_pipe_role.arn
  source        = "smk://kafka1.example.com:9092"
  enrichment    = "arn:${data.aws_partition.current.partition}:execute-api:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:a1b2c3d4e5/prod/POST/enrich"
  target        = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.order_stream_stream_name}"

  source_parameters {
    self_managed_kafka_parameters {
      additional_bootstrap_servers       = ["kafka2.example.com:9092"]
      batch_size                         = 50
      maximum_batching_window_in_seconds = 1
      consumer_group_id                  = "legacy-pipe"
      starting_position                  = "LATEST"
      topic_name                         = "legacy-orders"
    }
  }

  target_parameters {
    kinesis_stream_parameters {
      partition_key = "$.value.orderId"
    }
  }
}
