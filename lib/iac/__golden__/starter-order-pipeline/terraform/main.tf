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

resource "aws_cloudwatch_event_bus" "orders_bus" {
  name = "orders"
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
