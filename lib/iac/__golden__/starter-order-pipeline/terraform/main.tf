# EventBridge resources of the Switchyard design "Order pipeline".
# Note: The topic of BigOrdersTopic exists already: its policy must allow events.amazonaws.com to sns:Publish.
# Note: The queue of FulfilmentQueue exists already: its policy must allow events.amazonaws.com to sqs:SendMessage.

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

variable "big_orders_topic_name" {
  type        = string
  description = "Name of the existing topic big-orders"
  default     = "big-orders"
}

variable "fulfilment_queue_name" {
  type        = string
  description = "Name of the existing queue fulfilment"
  default     = "fulfilment"
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

resource "aws_cloudwatch_event_bus" "orders_bus" {
  name = "orders"
}

resource "aws_cloudwatch_event_api_destination" "customer_lookup_api_destination" {
  name                = "customer-lookup"
  invocation_endpoint = "https://crm.example.com/customers/lookup"
  http_method         = "POST"
  connection_arn      = var.crm_connection_arn
}

resource "aws_cloudwatch_event_rule" "big_paid_orders_rule" {
  name           = "big-paid-orders"
  description    = "Paid orders of 500 or more"
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail": {
        "total": [
          {
            "numeric": [">=", 500]
          }
        ]
      },
      "detail-type": ["Order Paid"],
      "source": ["com.example.orders"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "big_paid_orders_rule_target0" {
  rule           = aws_cloudwatch_event_rule.big_paid_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "big-orders-topic"
  arn            = "arn:${data.aws_partition.current.partition}:sns:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.big_orders_topic_name}"
}

resource "aws_cloudwatch_event_rule" "all_paid_orders_rule" {
  name           = "all-paid-orders"
  description    = "Every paid order, for fulfilment"
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail-type": ["Order Paid"],
      "source": ["com.example.orders"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "all_paid_orders_rule_target0" {
  rule           = aws_cloudwatch_event_rule.all_paid_orders_rule.name
  event_bus_name = aws_cloudwatch_event_bus.orders_bus.name
  target_id      = "fulfilment-queue"
  arn            = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.fulfilment_queue_name}"
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
        Resource = aws_cloudwatch_event_api_destination.customer_lookup_api_destination.arn
      },
      {
        Effect   = "Allow"
        Action   = ["events:PutEvents"]
        Resource = aws_cloudwatch_event_bus.orders_bus.arn
      }
    ]
  })
}

resource "aws_pipes_pipe" "paid_orders_pipe" {
  depends_on    = [aws_iam_role_policy.paid_orders_pipe_role]
  name          = "paid-orders"
  description   = "Paid orders, with their customer, onto the orders bus"
  desired_state = "RUNNING"
  role_arn      = aws_iam_role.paid_orders_pipe_role.arn
  source        = "arn:${data.aws_partition.current.partition}:sqs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${var.orders_source_queue_name}"
  enrichment    = aws_cloudwatch_event_api_destination.customer_lookup_api_destination.arn
  target        = aws_cloudwatch_event_bus.orders_bus.arn

  source_parameters {
    filter_criteria {
      filter {
        pattern = "{\"body\":{\"status\":[\"PAID\"]}}"
      }
    }

    sqs_queue_parameters {
      batch_size = 10
    }
  }

  enrichment_parameters {
    input_template = "{\"orderId\": \"<$.body.orderId>\", \"customerId\": \"<$.body.customerId>\", \"total\": <$.body.total>}"
  }

  target_parameters {
    input_template = "{\"orderId\": \"<$.orderId>\", \"total\": <$.total>, \"customer\": <$.customer>}"

    eventbridge_event_bus_parameters {
      detail_type = "Order Paid"
      source      = "com.example.orders"
    }
  }
}
