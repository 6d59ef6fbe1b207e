# EventBridge resources of the Switchyard design "Custom Event Bus".
# Note: The dead-letter queue of UploadsEventSource exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: The dead-letter queue of EuOrdersSubscriber exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.
# Note: Function checkout puts events on Custom Event Bus orders: its execution role needs events:PutEvents on that bus.
# Note: Function branch-orders puts events on Custom Event Bus orders: its execution role needs events:PutEvents on that bus.
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

variable "uploads_event_source_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of UploadsEventSource (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-west-1:111122223333:uploads-dlq"
}

variable "ledger_fifo_queue_name" {
  type        = string
  description = "Name of the existing queue ledger.fifo"
  default     = "ledger.fifo"
}

variable "eu_orders_subscriber_dead_letter_queue_arn" {
  type        = string
  description = "Dead-letter queue of EuOrdersSubscriber (SQS queue ARN)"
  default     = "arn:aws:sqs:eu-west-1:111122223333:eu-orders-dlq"
}

variable "audit_stream_name" {
  type        = string
  description = "Name of the existing stream audit"
  default     = "audit"
}

variable "to_legacy_subscriber_role_arn" {
  type        = string
  description = "Role subscriber to-legacy invokes its target with"
  default     = "arn:aws:iam::111122223333:role/orders-forwarder"
}

variable "order_shipped_topic_name" {
  type        = string
  description = "Name of the existing topic order-shipped"
  default     = "order-shipped"
}

variable "fulfilment_state_machine_name" {
  type        = string
  description = "Name of the existing state machine fulfilment"
  default     = "fulfilment"
}

resource "aws_cloudwatch_event_bus" "legacy_orders_bus" {
  name = "legacy-orders"
}

resource "aws_iam_role" "ledger_fifo_queue_subscriber_role" {
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

resource "aws_iam_role_policy" "ledger_fifo_queue_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.ledger_fifo_queue_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.ledger_fifo_queue_name}"
      }
    ]
  })
}

resource "aws_iam_role" "audit_stream_subscriber_role" {
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

resource "aws_iam_role_policy" "audit_stream_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.audit_stream_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kinesis:PutRecord", "kinesis:PutRecords"]
        Resource = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.audit_stream_name}"
      }
    ]
  })
}

resource "aws_iam_role" "order_shipped_topic_subscriber_role" {
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

resource "aws_iam_role_policy" "order_shipped_topic_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.order_shipped_topic_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_shipped_topic_name}"
      }
    ]
  })
}

resource "aws_iam_role" "fulfilment_state_machine_subscriber_role" {
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

resource "aws_iam_role_policy" "fulfilment_state_machine_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.fulfilment_state_machine_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.fulfilment_state_machine_name}"
      }
    ]
  })
}

resource "awscc_eventsv2_event_bus" "orders_bus" {
  name        = "orders"
  description = "Every order event, kept 30 days"
  storage_configuration = {
    retention_period_in_days = 30
  }
}

resource "awscc_eventsv2_resource_policy" "orders_bus_policy" {
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowPutEventsFromOtherAccounts"
        Effect = "Allow"
        Principal = {
          AWS = ["999900001111"]
        }
        Action   = "events:PutEvents"
        Resource = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
      }
    ]
  })
}

resource "awscc_eventsv2_event_source" "uploads_event_source" {
  name          = "uploads"
  description   = "Object uploads"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  configuration = {
    aws_service_events_configuration = {
      aws_service = "aws.s3"
      pattern     = "{\"detail-type\":[\"Object Created\"]}"
      on_failure_configuration = {
        arn = var.uploads_event_source_dead_letter_queue_arn
      }
    }
  }
}

resource "awscc_eventsv2_event_source" "tickets_event_source" {
  name          = "tickets"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  configuration = {
    partner_events_configuration = {
      partner_event_source_arn = "arn:aws:events:eu-west-1::event-source/aws.partner/example.com/111122223333/tickets"
    }
  }
}

resource "awscc_eventsv2_subscriber" "eu_orders_subscriber" {
  name          = "eu-orders"
  description   = "EU orders over 100, reshaped"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"region\":[\"eu\"],\"total\":[{\"numeric\":[\">\",100]}]},\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      },
      {
        pattern = "{\"tenant\":[\"acme\"]}"
        scope   = "METADATA"
      },
      {
        pattern = "{\"aws:DeliveryType\":[\"LIVE\"]}"
        scope   = "SYSTEM_METADATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.ledger_fifo_queue_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.ledger_fifo_queue_name}"
    sqs_parameters = {
      message_group_id = "orders"
    }
  }
  transformer = {
    type = "JSONATA"
    jsonata_configuration = {
      expression = "{% $events.{ \"order\": Data.detail.id, \"total\": Data.detail.total } %}"
    }
  }
  type              = "FIFO"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 3600
    max_retry_attempts       = 10
  }
  on_failure_configuration = {
    arn = var.eu_orders_subscriber_dead_letter_queue_arn
  }
}

resource "awscc_eventsv2_subscriber" "audit_replay_subscriber" {
  name          = "audit-replay"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  invoke_configuration = {
    role_arn   = aws_iam_role.audit_stream_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stream/${var.audit_stream_name}"
    kinesis_parameters = {
      partition_key = "{% $events.Data.detail.id %}"
    }
  }
  transformer = {
    type = "WITH_METADATA"
  }
  type              = "UNORDERED"
  starting_position = "POINT_IN_TIME"
  point_in_time_configuration = {
    point_type     = "TIMESTAMP"
    starting_point = 1780000000
  }
  state = "STOPPED"
}

resource "awscc_eventsv2_subscriber" "to_legacy_subscriber" {
  name          = "to-legacy"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"source\":[\"com.shop\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = var.to_legacy_subscriber_role_arn
    target_arn = aws_cloudwatch_event_bus.legacy_orders_bus.arn
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "POINT_IN_TIME"
  point_in_time_configuration = {
    point_type = "HORIZON"
  }
  state = "RUNNING"
}

resource "awscc_eventsv2_subscriber" "notify_subscriber" {
  name          = "notify"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail-type\":[\"OrderShipped\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.order_shipped_topic_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.order_shipped_topic_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
}

resource "awscc_eventsv2_subscriber" "fulfil_subscriber" {
  name          = "fulfil"
  event_bus_arn = awscc_eventsv2_event_bus.orders_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail-type\":[\"OrderPlaced\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.fulfilment_state_machine_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:states:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:stateMachine:${var.fulfilment_state_machine_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
}
