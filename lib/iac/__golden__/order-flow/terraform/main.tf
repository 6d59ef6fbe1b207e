# EventBridge resources of the Switchyard design "Order flow".
# Note: The dead-letter queue of BillFunction exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The queue of AuditFifoQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The topic of OrderAlertsTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
# Note: Kafka topic legacy-orders is on a self-managed cluster: add the mapping's authentication or VPC settings (SourceAccessConfigurations), which the design does not hold.

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

variable "bill_function_name" {
  type        = string
  description = "Name of the existing function bill"
  default     = "bill"
}

variable "bill_function_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of BillFunction (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-west-1:111122223333:bill-dlq"
}

variable "audit_fifo_queue_name" {
  type        = string
  description = "Name of the existing queue audit.fifo"
  default     = "audit.fifo"
}

variable "order_alerts_topic_name" {
  type        = string
  description = "Name of the existing topic order-alerts"
  default     = "order-alerts"
}

variable "order_stream_stream_name" {
  type        = string
  description = "Name of the existing stream order-stream"
  default     = "order-stream"
}

variable "fulfil_order_state_machine_name" {
  type        = string
  description = "Name of the existing state machine fulfil-order"
  default     = "fulfil-order"
}

variable "fulfil_order_state_machine_role_arn" {
  type        = string
  description = "Role EventBridge assumes to reach FulfilOrderStateMachine"
  default     = "arn:aws:iam::111122223333:role/fulfil-invoker"
}

variable "order_lake_delivery_stream_name" {
  type        = string
  description = "Name of the existing delivery stream order-lake"
  default     = "order-lake"
}

variable "aws_events_refunds_log_group_name" {
  type        = string
  description = "Name of the existing log group /aws/events/refunds"
  default     = "/aws/events/refunds"
}

variable "crm_connection_arn" {
  type        = string
  description = "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS"
}

variable "orders_table_stream_arn" {
  type        = string
  description = "Stream ARN of the DynamoDB table orders"
}

variable "order_indexer_function_name" {
  type        = string
  description = "Name of the existing function order-indexer"
  default     = "order-indexer"
}

variable "order_inbox_source_queue_name" {
  type        = string
  description = "Name of the existing SQS queue order-inbox"
  default     = "order-inbox"
}

variable "clicks_source_stream_name" {
  type        = string
  description = "Name of the existing Kinesis stream clicks"
  default     = "clicks"
}

resource "aws_cloudwatch_event_bus" "orders_bus" {
  name = "orders"
}

resource "aws_cloudwatch_event_archive" "orders_bus_archive" {
  name             = "orders-archive"
  event_source_arn = aws_cloudwatch_event_bus.orders_bus.arn
  retention_days   = 30
  event_pattern    = <<-PATTERN
    {
      "detail-type": ["OrderPlaced"],
      "source": ["com.shop"]
    }
  PATTERN
}

resource "aws_iam_role" "order_stream_stream_events_role" {
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

resource "aws_iam_role_policy" "order_stream_stream_events_role" {
  name = "deliver-events"
  role = aws_iam_role.order_stream_stream_events_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.order_stream_stream_name}"
      }
    ]
  })
}

resource "aws_iam_role" "order_lake_delivery_stream_events_role" {
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

resource "aws_iam_role_policy" "order_lake_delivery_stream_events_role" {
  name = "deliver-events"
  role = aws_iam_role.order_lake_delivery_stream_events_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["firehose:PutRecord", "firehose:PutRecordBatch"]
        Resource = "arn:${data.aws_partition.current.partition}:firehose:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:deliverystream/${var.order_lake_delivery_stream_name}"
      }
    ]
  })
}

resource "aws_iam_role" "crm_webhook_api_destination_events_role" {
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

resource "aws_iam_role_policy" "crm_webhook_api_destination_events_role" {
  name = "deliver-events"
  role = aws_iam_role.crm_webhook_api_destination_events_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["events:InvokeApiDestination"]
        Resource = aws_cloudwatch_event_api_destination.crm_webhook_api_destination.arn
      }
    ]
  })
}

resource "aws_cloudwatch_log_resource_policy" "aws_events_refunds_log_group_policy" {
  policy_name = "AwsEventsRefundsLogGroupPolicy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = ["events.amazonaws.com", "delivery.logs.amazonaws.com"]
        }
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:${var.aws_events_refunds_log_group_name}:*"
      }
    ]
  })
}

resource "aws_cloudwatch_event_api_destination" "crm_webhook_api_destination" {
  name                             = "crm-webhook"
  invocation_endpoint              = "https://crm.example.com/hooks/refund"
  http_method                      = "POST"
  connection_arn                   = var.crm_connection_arn
  invocation_rate_limit_per_second = 10
}

resource "aws_cloudwatch_event_rule" "big_orders_rule" {
  name           = "big-orders"
  description    = "Orders over 100"
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail": {
        "currency": ["EUR", "USD"],
        "note": ["$${not-a-var}"],
        "total": [
          {
            "numeric": [">", 100.0]
          }
        ]
      },
      "detail-type": ["OrderPlaced"],
      "source": ["com.shop"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "big_orders_rule_target0" {
  rule           = aws_cloudwatch_event_rule.big_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "bill"
  arn            = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  input          = "{\"kind\": \"big\", \"limit\": 1e3}"

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 3
  }

  dead_letter_config {
    arn = var.bill_function_dead_letter_queue_arn
  }
}

resource "aws_cloudwatch_event_target" "big_orders_rule_target1" {
  rule           = aws_cloudwatch_event_rule.big_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "audit"
  arn            = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.audit_fifo_queue_name}"
  input_path     = "$.detail"

  sqs_target {
    message_group_id = "orders"
  }
}

resource "aws_cloudwatch_event_target" "big_orders_rule_target2" {
  rule           = aws_cloudwatch_event_rule.big_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "notify"
  arn            = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_alerts_topic_name}"

  input_transformer {
    input_paths = {
      id    = "$.detail.id"
      total = "$.detail.total"
    }
    input_template = "{\"text\": \"Order <id> totals <total>\"}"
  }
}

resource "aws_cloudwatch_event_target" "big_orders_rule_target3" {
  rule           = aws_cloudwatch_event_rule.big_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "stream"
  arn            = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.order_stream_stream_name}"
  role_arn       = aws_iam_role.order_stream_stream_events_role.arn

  kinesis_target {
    partition_key_path = "$.detail.id"
  }
}

resource "aws_cloudwatch_event_target" "big_orders_rule_target4" {
  rule           = aws_cloudwatch_event_rule.big_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "fulfil"
  arn            = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.fulfil_order_state_machine_name}"
  role_arn       = var.fulfil_order_state_machine_role_arn
}

resource "aws_cloudwatch_event_rule" "refunds_rule" {
  name           = "refunds"
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  state          = "DISABLED"
  event_pattern  = <<-PATTERN
    {
      "$or": [
        {
          "detail-type": ["Refund"]
        },
        {
          "detail": {
            "amount": [
              {
                "numeric": ["<", 0]
              }
            ]
          }
        }
      ],
      "source": ["com.shop"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "refunds_rule_target0" {
  rule           = aws_cloudwatch_event_rule.refunds_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "lake"
  arn            = "arn:${data.aws_partition.current.partition}:firehose:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:deliverystream/${var.order_lake_delivery_stream_name}"
  role_arn       = aws_iam_role.order_lake_delivery_stream_events_role.arn

  retry_policy {
    maximum_event_age_in_seconds = 600
    maximum_retry_attempts       = 10
  }
}

resource "aws_cloudwatch_event_target" "refunds_rule_target1" {
  rule           = aws_cloudwatch_event_rule.refunds_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "logs"
  arn            = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:${var.aws_events_refunds_log_group_name}"
}

resource "aws_cloudwatch_event_target" "refunds_rule_target2" {
  rule           = aws_cloudwatch_event_rule.refunds_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "hook"
  arn            = aws_cloudwatch_event_api_destination.crm_webhook_api_destination.arn
  role_arn       = aws_iam_role.crm_webhook_api_destination_events_role.arn
}

resource "aws_cloudwatch_event_target" "refunds_rule_target3" {
  rule           = aws_cloudwatch_event_rule.refunds_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "bill"
  arn            = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  input          = "{\"kind\": \"big\", \"limit\": 1e3}"

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 3
  }

  dead_letter_config {
    arn = var.bill_function_dead_letter_queue_arn
  }
}

resource "aws_lambda_permission" "big_orders_rule_bill_function_permission" {
  statement_id  = "BigOrdersRuleBillFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.big_orders_rule.arn
}

resource "aws_lambda_permission" "refunds_rule_bill_function_permission" {
  statement_id  = "RefundsRuleBillFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.refunds_rule.arn
}

resource "aws_lambda_event_source_mapping" "orders_table_order_indexer_function_mapping" {
  event_source_arn  = var.orders_table_stream_arn
  function_name     = var.order_indexer_function_name
  batch_size        = 50
  starting_position = "TRIM_HORIZON"

  filter_criteria {
    filter {
      pattern = "{\"eventName\":[\"INSERT\"]}"
    }
  }
}

resource "aws_lambda_event_source_mapping" "order_inbox_source_queue_order_indexer_function_mapping" {
  event_source_arn = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_inbox_source_queue_name}"
  function_name    = var.order_indexer_function_name
  batch_size       = 10
}

resource "aws_lambda_event_source_mapping" "clicks_source_stream_order_indexer_function_mapping" {
  event_source_arn  = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.clicks_source_stream_name}"
  function_name     = var.order_indexer_function_name
  batch_size        = 200
  starting_position = "LATEST"
}

resource "aws_lambda_event_source_mapping" "legacy_orders_topic_order_indexer_function_mapping" {
  function_name     = var.order_indexer_function_name
  topics            = ["legacy-orders"]
  batch_size        = 500
  starting_position = "TRIM_HORIZON"

  self_managed_event_source {
    endpoints = {
      KAFKA_BOOTSTRAP_SERVERS = "kafka1.example.com:9092,kafka2.example.com:9092"
    }
  }

  self_managed_kafka_event_source_config {
    consumer_group_id = "order-indexer"
  }

  filter_criteria {
    filter {
      pattern = "{\"value\":{\"status\":[\"NEW\"]}}"
    }
  }
}
