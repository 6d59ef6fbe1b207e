# EventBridge resources of the Switchyard design "Reward big payments".
# Note: Function payment puts events on bus eda_bus: its execution role needs events:PutEvents on that bus.

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

variable "rewards_function_name" {
  type        = string
  description = "Name of the existing function rewards"
  default     = "rewards"
}

variable "warehouse_function_name" {
  type        = string
  description = "Name of the existing function warehouse"
  default     = "warehouse"
}

variable "shipping_function_name" {
  type        = string
  description = "Name of the existing function shipping"
  default     = "shipping"
}

resource "aws_cloudwatch_event_bus" "eda_bus_bus" {
  name = "eda_bus"
}

resource "aws_cloudwatch_event_rule" "payment_processed_rule" {
  name           = "payment-processed"
  description    = "Payments over 200 earn rewards"
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail": {
        "total_cost": [
          {
            "numeric": [">", 200]
          }
        ]
      },
      "detail-type": ["Payment Processed"],
      "source": ["demo.payments"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "payment_processed_rule_target0" {
  rule           = aws_cloudwatch_event_rule.payment_processed_rule.name
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  target_id      = "rewards"
  arn            = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rewards_function_name}"
}

resource "aws_cloudwatch_event_rule" "warehouse_payment_processed_rule" {
  name           = "warehouse-payment-processed"
  description    = "The warehouse picks every paid order"
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail-type": ["Payment Processed"],
      "source": ["demo.payments"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "warehouse_payment_processed_rule_target0" {
  rule           = aws_cloudwatch_event_rule.warehouse_payment_processed_rule.name
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  target_id      = "warehouse"
  arn            = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.warehouse_function_name}"
}

resource "aws_cloudwatch_event_rule" "shipping_payment_processed_rule" {
  name           = "shipping-payment-processed"
  description    = "Shipping schedules every paid order"
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  state          = "ENABLED"
  event_pattern  = <<-PATTERN
    {
      "detail-type": ["Payment Processed"],
      "source": ["demo.payments"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "shipping_payment_processed_rule_target0" {
  rule           = aws_cloudwatch_event_rule.shipping_payment_processed_rule.name
  event_bus_name = aws_cloudwatch_event_bus.eda_bus_bus.name
  target_id      = "shipping"
  arn            = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shipping_function_name}"
}

resource "aws_lambda_permission" "payment_processed_rule_rewards_function_permission" {
  statement_id  = "PaymentProcessedRuleRewardsFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rewards_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.payment_processed_rule.arn
}

resource "aws_lambda_permission" "warehouse_payment_processed_rule_warehouse_function_permission" {
  statement_id  = "WarehousePaymentProcessedRuleWarehouseFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.warehouse_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.warehouse_payment_processed_rule.arn
}

resource "aws_lambda_permission" "shipping_payment_processed_rule_shipping_function_permission" {
  statement_id  = "ShippingPaymentProcessedRuleShippingFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shipping_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.shipping_payment_processed_rule.arn
}
