# EventBridge resources of the Switchyard design "Order flow".
# Note: Kafka topic legacy-orders is on a self-managed cluster: add the mapping's authentication or VPC settings (SourceAccessConfigurations), which the design does not hold.
# Note: The dead-letter queue of BigOrdersBillSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The dead-letter queue of RefundsBillSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The Custom Event Bus resources use the awscc provider (awscc_eventsv2_*, generated from their CloudFormation schemas, >= 1.104.0): the aws provider has no resources for AWS::EventsV2 yet. Configure both providers for the same account and Region.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.104.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

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

variable "bill_function_name" {
  type        = string
  description = "Name of the existing function bill"
  default     = "bill"
}

variable "big_orders_bill_subscriber_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of BigOrdersBillSubscriber (SQS queue ARN)"
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

variable "big_orders_fulfil_subscriber_role_arn" {
  type        = string
  description = "Role subscriber big-orders-fulfil invokes its target with"
  default     = "arn:aws:iam::111122223333:role/fulfil-invoker"
}

variable "order_lake_delivery_stream_name" {
  type        = string
  description = "Name of the existing delivery stream order-lake"
  default     = "order-lake"
}

variable "crm_connection_arn" {
  type        = string
  description = "ARN of the EventBridge connection crm (API_KEY); its credentials stay in AWS"
}

variable "refunds_bill_subscriber_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of RefundsBillSubscriber (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-west-1:111122223333:bill-dlq"
}

resource "aws_cloudwatch_event_api_destination" "crm_webhook_api_destination" {
  name                             = "crm-webhook"
  invocation_endpoint              = "https://crm.example.com/hooks/refund"
  http_method                      = "POST"
  connection_arn                   = var.crm_connection_arn
  invocation_rate_limit_per_second = 10
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

resource "aws_iam_role" "bill_function_subscriber_role" {
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

resource "aws_iam_role_policy" "bill_function_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.bill_function_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
      }
    ]
  })
}

resource "aws_iam_role" "audit_fifo_queue_subscriber_role" {
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

resource "aws_iam_role_policy" "audit_fifo_queue_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.audit_fifo_queue_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.audit_fifo_queue_name}"
      }
    ]
  })
}

resource "aws_iam_role" "order_alerts_topic_subscriber_role" {
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

resource "aws_iam_role_policy" "order_alerts_topic_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.order_alerts_topic_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_alerts_topic_name}"
      }
    ]
  })
}

resource "aws_iam_role" "order_stream_stream_subscriber_role" {
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

resource "aws_iam_role_policy" "order_stream_stream_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.order_stream_stream_subscriber_role.id
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

resource "aws_iam_role" "order_lake_delivery_stream_subscriber_role" {
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

resource "aws_iam_role_policy" "order_lake_delivery_stream_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.order_lake_delivery_stream_subscriber_role.id
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

resource "aws_iam_role" "crm_webhook_api_destination_subscriber_role" {
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

resource "aws_iam_role_policy" "crm_webhook_api_destination_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.crm_webhook_api_destination_subscriber_role.id
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

resource "awscc_eventsv2_event_bus" "orders_bus" {
  name = "orders"
  storage_configuration = {
    retention_period_in_days = 30
  }
}

resource "awscc_eventsv2_subscriber" "big_orders_bill_subscriber" {
  name          = "big-orders-bill"
  description   = "Orders over 100"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"$${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.bill_function_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  }
  transformer = {
    type = "JSONATA"
    jsonata_configuration = {
      expression = "{% {\"kind\": \"big\", \"limit\": 1e3} %}"
    }
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 3600
    max_retry_attempts       = 3
  }
  on_failure_configuration = {
    arn = var.big_orders_bill_subscriber_dead_letter_queue_arn
  }
}

resource "awscc_eventsv2_subscriber" "big_orders_audit_subscriber" {
  name          = "big-orders-audit"
  description   = "Orders over 100"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"$${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.audit_fifo_queue_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.audit_fifo_queue_name}"
    sqs_parameters = {
      message_group_id = "orders"
    }
  }
  transformer = {
    type = "JSONATA"
    jsonata_configuration = {
      expression = "{% $events.Data.detail %}"
    }
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "big_orders_notify_subscriber" {
  name          = "big-orders-notify"
  description   = "Orders over 100"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"$${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.order_alerts_topic_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_alerts_topic_name}"
  }
  transformer = {
    type = "JSONATA"
    jsonata_configuration = {
      expression = "{% {\"text\": (\"Order \" & $string($events.Data.detail.id) & \" totals \" & $string($events.Data.detail.total))} %}"
    }
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "big_orders_stream_subscriber" {
  name          = "big-orders-stream"
  description   = "Orders over 100"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"$${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.order_stream_stream_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.order_stream_stream_name}"
    kinesis_parameters = {
      partition_key = "{% $events.Data.detail.id %}"
    }
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "big_orders_fulfil_subscriber" {
  name          = "big-orders-fulfil"
  description   = "Orders over 100"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"currency\":[\"EUR\",\"USD\"],\"note\":[\"$${not-a-var}\"],\"total\":[{\"numeric\":[\">\",100.0]}]},\"detail-type\":[\"OrderPlaced\"],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = var.big_orders_fulfil_subscriber_role_arn
    target_arn = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.fulfil_order_state_machine_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "refunds_lake_subscriber" {
  name          = "refunds-lake"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.order_lake_delivery_stream_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:firehose:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:deliverystream/${var.order_lake_delivery_stream_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "STOPPED"
  retry_policy = {
    max_event_age_in_seconds = 600
    max_retry_attempts       = 10
  }
}

resource "awscc_eventsv2_subscriber" "refunds_hook_subscriber" {
  name          = "refunds-hook"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.crm_webhook_api_destination_subscriber_role.arn
    target_arn = aws_cloudwatch_event_api_destination.crm_webhook_api_destination.arn
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "STOPPED"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "refunds_bill_subscriber" {
  name          = "refunds-bill"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"$or\":[{\"detail-type\":[\"Refund\"]},{\"detail\":{\"amount\":[{\"numeric\":[\"<\",0]}]}}],\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.bill_function_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.bill_function_name}"
  }
  transformer = {
    type = "JSONATA"
    jsonata_configuration = {
      expression = "{% {\"kind\": \"big\", \"limit\": 1e3} %}"
    }
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "STOPPED"
  retry_policy = {
    max_event_age_in_seconds = 3600
    max_retry_attempts       = 3
  }
  on_failure_configuration = {
    arn = var.refunds_bill_subscriber_dead_letter_queue_arn
  }
}
